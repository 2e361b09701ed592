namespace CreativeGen.Ml.Landscapes.Data;

/// <summary>A file ingest rejected, and why.</summary>
public sealed record SkippedImage(string Path, string Reason)
{
    public override string ToString() => $"skipped {Path}: {Reason}";
}
