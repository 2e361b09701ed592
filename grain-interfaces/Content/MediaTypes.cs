namespace CreativeGen.GrainInterfaces.Content;

public static class MediaTypes
{
    public const string Midi = "audio/midi";
    public const string Wav = "audio/wav";
    public const string Png = "image/png";
}
