using CreativeGen.Ml.Lyrics.Model;
using CreativeGen.Ml.Lyrics.Pronunciation;
using CreativeGen.Ml.Music.Model;

namespace CreativeGen.Ml.Lyrics.Writing;

/// <summary>
/// A loaded lyric model: the network, its words, and what the constraints need per word (syllables, stress,
/// rhyme part), all from the pronunciations stored in the model file, so that generation needs no dictionary.
/// </summary>
public sealed class LyricModel : IDisposable
{
    public const string DefaultFileName = "lyrics-poems.lyr";

    private LyricModel(LyricModelHeader header, MusicLstm network, string version)
    {
        Header = header;
        Network = network;
        Version = version;
        Vocabulary = new LyricVocabulary(header.Words);
        Lexicon = new Lexicon(header.Pronunciations.ToDictionary(p => p.Key, p => p.Value.Select(v => new Pronunciation.Pronunciation(v.Split(' '))).ToList()));
        Syllables = new int[Vocabulary.Size];
        Stresses = new int[Vocabulary.Size][];
        RhymeParts = new string[Vocabulary.Size];
        for (var id = LyricVocabulary.Markers.Length; id < Vocabulary.Size; id++)
        {
            var primary = Lexicon.Primary(Vocabulary.Words[id]);
            (Syllables[id], Stresses[id], RhymeParts[id]) = (primary.Syllables, [.. primary.Stresses], primary.RhymePart);
        }
        for (var id = 0; id < LyricVocabulary.Markers.Length; id++) (Stresses[id], RhymeParts[id]) = ([], "");
        RhymeClasses = Enumerable.Range(LyricVocabulary.Markers.Length, Vocabulary.Size - LyricVocabulary.Markers.Length)
            .GroupBy(id => RhymeParts[id]).ToDictionary(g => g.Key, g => g.ToArray());
    }

    public LyricModelHeader Header { get; }

    public MusicLstm Network { get; }

    /// <summary>The model file's content hash (recipes name it).</summary>
    public string Version { get; }

    public LyricVocabulary Vocabulary { get; }

    /// <summary>Pronunciations of the model's words (CMUdict's), with letter-to-sound for any other word.</summary>
    public Lexicon Lexicon { get; }

    /// <summary>Per word id: syllables, stress per syllable, rhyme part of the primary pronunciation.</summary>
    public int[] Syllables { get; }

    public int[][] Stresses { get; }

    public string[] RhymeParts { get; }

    /// <summary>Word ids sharing a rhyme part.</summary>
    public IReadOnlyDictionary<string, int[]> RhymeClasses { get; }

    /// <summary>The shipped lyric model (models/lyrics-poems.lyr, or CREATIVEGEN_MODELS).</summary>
    public static LyricModel LoadDefault() => Load(Common.DefaultModels.Require(DefaultFileName));

    public static LyricModel Load(string path)
    {
        var (header, network) = LyricModelFile.Load(path);
        network.eval();
        return new LyricModel(header, network, LyricModelFile.Version(path));
    }

    public void Dispose() => Network.Dispose();
}
