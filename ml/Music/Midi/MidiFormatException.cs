namespace CreativeGen.Ml.Music.Midi;

/// <summary>A MIDI file that cannot be used; the message names the file and the problem.</summary>
public sealed class MidiFormatException(string path, string problem, Exception? inner = null)
    : Exception($"{path}: {problem}", inner)
{
    public string Path { get; } = path;

    public string Problem { get; } = problem;
}
