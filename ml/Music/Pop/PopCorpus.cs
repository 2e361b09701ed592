using CreativeGen.Ml.Music.Midi;

namespace CreativeGen.Ml.Music.Pop;

/// <summary>
/// The POP909 songs under a split folder (one folder per song). A song whose MIDI or annotations are bad is
/// rejected with the file and the reason; the rest still load.
/// </summary>
public sealed record PopCorpus(IReadOnlyList<PopSong> Songs, IReadOnlyList<RejectedFile> Rejected)
{
    public static PopCorpus Load(string root, int? maxSongs = null, Action<string>? log = null)
    {
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"POP909 folder not found: {root}");
        var folders = Directory.EnumerateDirectories(root).Where(d => Directory.EnumerateFiles(d, "*.mid").Any()).Order(StringComparer.Ordinal).ToList();
        if (maxSongs is { } limit && limit < folders.Count)
            folders = [.. Enumerable.Range(0, Math.Max(0, limit)).Select(i => folders[(int)((long)i * folders.Count / limit)])];
        var songs = new List<PopSong>();
        var rejected = new List<RejectedFile>();
        foreach (var folder in folders)
        {
            try
            {
                songs.Add(PopSongReader.Read(folder));
            }
            catch (PopAnnotationException error)
            {
                rejected.Add(new RejectedFile(error.Path, error.Problem));
            }
            catch (MidiFormatException error)
            {
                rejected.Add(new RejectedFile(folder, error.Problem));
            }
        }
        foreach (var file in rejected) log?.Invoke($"skipped {file.Path}: {file.Problem}");
        log?.Invoke($"loaded {songs.Count} of {folders.Count} POP909 songs from {root} ({rejected.Count} skipped)");
        return new PopCorpus(songs, rejected);
    }
}
