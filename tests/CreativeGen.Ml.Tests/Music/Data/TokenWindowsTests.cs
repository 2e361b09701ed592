using CreativeGen.Ml.Music.Data;
using CreativeGen.Ml.Music.Midi;
using CreativeGen.Ml.Music.Tokens;

namespace CreativeGen.Ml.Tests.Music.Data;

public class TokenWindowsTests
{
    private static readonly PerformanceEventTokenizer Tokenizer = new();

    private static TokenWindows RealWindows() => new(Tokenizer,
        MusicTestData.Files(MusicTestData.PianoTrain, 3, stride: 50).Select(f => new CorpusPiece(MidiReader.Read(f), f, "piano-midi", null)),
        applySustain: true);

    [SkippableFact]
    public void Cut_WithState_EveryReleaseInAWindowIsOfANoteItHasSeenStruck()
    {
        var windows = RealWindows().Cut(256, random: null, withState: true);

        Assert.Contains(windows, w => w.State.Length > 0);
        Assert.All(windows.Where(w => w.Start == 0), w => Assert.Empty(w.State));
        foreach (var window in windows) Assert.Equal(0, UnseenReleases(window));
    }

    [SkippableFact]
    public void Cut_WithoutState_WindowsReleaseNotesTheyNeverSaw()
    {
        var windows = RealWindows().Cut(256, random: null, withState: false);

        Assert.All(windows, w => Assert.Empty(w.State));
        Assert.True(windows.Sum(UnseenReleases) > windows.Count / 2, "windows cut mid-piece start with releases of unseen notes");
    }

    [SkippableFact]
    public void Cut_WithState_WindowDecodesToTheSameNotesAsThePieceAtThatPoint()
    {
        var windows = RealWindows().Cut(256, random: null, withState: true);
        var window = windows.Where(w => w.Start > 0 && w.State.Length > 4).First();

        // Notes struck inside the window keep pitch, velocity and relative onset; held notes start at 0.
        var whole = Tokenizer.Decode(window.Body.Take(window.Start + window.Length));
        var startSeconds = window.Body.Take(window.Start).Sum(t => Tokenizer.SecondsOf(t));
        var expected = whole.Where(n => n.StartSeconds >= startSeconds - 1e-9 && Onsets(window).Contains(n.Pitch))
            .Select(n => (n.Pitch, n.Velocity, Math.Round(n.StartSeconds - startSeconds, 2))).ToHashSet();
        var decoded = Tokenizer.Decode([.. window.State, .. window.Body.Skip(window.Start).Take(window.Length)]);

        var struckInWindow = decoded.Where(n => n.StartSeconds > 0).Select(n => (n.Pitch, n.Velocity, Math.Round(n.StartSeconds, 2))).ToHashSet();
        Assert.Subset(expected, struckInWindow);
        var soundingAtStart = decoded.Where(n => n.StartSeconds == 0).Select(n => n.Pitch).ToHashSet();
        Assert.Subset(soundingAtStart, window.State.Where(t => t < Tokenizer.NoteOffBase).Select(t => t % 128).ToHashSet());
    }

    [SkippableFact]
    public void Pack_WindowsWithDifferentStates_AlignsEveryBodyTokenWithItsTarget()
    {
        var windows = RealWindows().Cut(64, random: null, withState: true);
        var batch = new[] { windows.First(w => w.State.Length == 0), windows.MaxBy(w => w.State.Length)! };

        var (inputs, targets, width, counted) = TokenWindows.Pack(batch, 64);

        Assert.Equal(batch.Max(w => w.ContextLength) + 64, width);
        Assert.Equal(batch.Sum(w => w.Length), counted);
        for (var b = 0; b < batch.Length; b++)
        {
            var w = batch[b];
            for (var i = 0; i < w.Length; i++)
            {
                Assert.Equal(w.Body[w.Start + i], inputs[b * width + w.ContextLength + i]);
                Assert.Equal(w.Body[w.Start + i], targets[b * width + w.ContextLength - 1 + i]);
            }
            Assert.Equal(w.Length, targets.Skip(b * width).Take(width).Count(t => t != -100));
        }
    }

    private static HashSet<int> Onsets(TokenWindow window) =>
        window.Body.Skip(window.Start).Take(window.Length).Where(t => t < Tokenizer.NoteOffBase).Select(t => t % 128).ToHashSet();

    private static int UnseenReleases(TokenWindow window)
    {
        var sounding = new HashSet<int>();
        var unseen = 0;
        foreach (var token in window.State.Concat(window.Body.Skip(window.Start).Take(window.Length)))
        {
            if (token < Tokenizer.NoteOffBase) sounding.Add(token);
            else if (token < Tokenizer.ShiftBase && !sounding.Remove(token - Tokenizer.NoteOffBase)) unseen++;
        }
        return unseen;
    }
}
