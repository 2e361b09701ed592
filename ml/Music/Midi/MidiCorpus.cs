namespace CreativeGen.Ml.Music.Midi;

/// <summary>A MIDI file that was read, with the labels taken from where it sits in the data folder.</summary>
public sealed record CorpusPiece(MidiPiece Piece, string Path, string Corpus, string? Composer);

/// <summary>A file that ingest rejected and why.</summary>
public sealed record RejectedFile(string Path, string Problem);

/// <summary>
/// Loads every .mid/.midi file under a folder. Bad files are rejected one by one (the rest still load).
/// Labels: the corpus is the first folder under the root that is not a split name (e.g. "piano-midi",
/// "nottingham"), the composer the folder that holds the file when it sits below a split folder
/// (e.g. piano-midi/train/Chopin/x.mid → Chopin).
/// </summary>
public sealed class MidiCorpus
{
    private static readonly HashSet<string> SplitNames = new(StringComparer.OrdinalIgnoreCase) { "train", "val", "test", "valid", "validation" };

    public MidiCorpus(IReadOnlyList<CorpusPiece> pieces, IReadOnlyList<RejectedFile> rejected)
    {
        Pieces = pieces;
        Rejected = rejected;
    }

    public IReadOnlyList<CorpusPiece> Pieces { get; }

    public IReadOnlyList<RejectedFile> Rejected { get; }

    public static IReadOnlyList<string> FindFiles(string root)
    {
        if (File.Exists(root)) return [root];
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"MIDI folder not found: {root}");
        return [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".mid", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".midi", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)];
    }

    /// <param name="root">A folder (searched recursively) or one file.</param>
    /// <param name="maxFiles">Read at most this many files, evenly spread over the sorted list (quick runs).</param>
    /// <param name="log">Receives a line per rejected file and a count of what loaded (see <see cref="Report"/>).</param>
    public static MidiCorpus Load(string root, int? maxFiles = null, Action<string>? log = null)
    {
        var files = FindFiles(root);
        if (maxFiles is { } limit && limit < files.Count)
            files = [.. Enumerable.Range(0, Math.Max(0, limit)).Select(i => files[(int)((long)i * files.Count / limit)])]; // spread over the folder
        var pieces = new List<CorpusPiece>();
        var rejected = new List<RejectedFile>();
        var baseFolder = File.Exists(root) ? Path.GetDirectoryName(Path.GetFullPath(root))! : Path.GetFullPath(root);
        foreach (var file in files)
        {
            try
            {
                var piece = MidiReader.Read(file);
                var (corpus, composer) = Labels(baseFolder, file);
                pieces.Add(new CorpusPiece(piece, file, corpus, composer));
            }
            catch (MidiFormatException error)
            {
                rejected.Add(new RejectedFile(file, error.Problem));
            }
        }
        var loaded = new MidiCorpus(pieces, rejected);
        if (log is not null) loaded.Report(root, log);
        return loaded;
    }

    /// <summary>
    /// One line per rejected file (name and problem), then the count: the one way training and evaluation say what
    /// they dropped, so no stage drops a file unseen.
    /// </summary>
    public void Report(string root, Action<string> log)
    {
        foreach (var file in Rejected) log($"skipped {file.Path}: {file.Problem}");
        log($"loaded {Pieces.Count} of {Pieces.Count + Rejected.Count} MIDI files from {root} ({Rejected.Count} skipped)");
    }

    /// <summary>Corpus and composer labels from a file's path relative to the data folder.</summary>
    public static (string Corpus, string? Composer) Labels(string baseFolder, string file)
    {
        var folders = Path.GetRelativePath(baseFolder, Path.GetFullPath(file))
            .Split(Path.DirectorySeparatorChar)[..^1];
        // Folders above the root count too when the root itself is a split or corpus folder.
        var full = Path.GetFullPath(file).Split(Path.DirectorySeparatorChar)[..^1];
        var splitIndex = Array.FindLastIndex(full, SplitNames.Contains);
        string corpus;
        string? composer = null;
        if (splitIndex > 0)
        {
            corpus = full[splitIndex - 1];
            if (splitIndex + 1 < full.Length) composer = full[splitIndex + 1];
        }
        else
        {
            corpus = folders.Length > 0 ? folders[0] : Path.GetFileName(baseFolder);
            if (folders.Length > 1) composer = folders[^1];
        }
        return (corpus, composer);
    }
}
