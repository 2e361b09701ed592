namespace CreativeGen.Ml.Music;

/// <summary>
/// One piece of music to generate. Generation is deterministic: the same model version and the same
/// request give byte-identical MIDI, so a request is also the recipe that regenerates its result.
/// </summary>
/// <param name="Composer">A conditioning label the model knows (see <see cref="IMusicGenerator.Composers"/>), or null for the model's default.</param>
/// <param name="LengthSeconds">Length of music to write, in seconds.</param>
/// <param name="Temperature">Sampling temperature (&gt; 0).</param>
/// <param name="TopK">Keep only the K most likely tokens (null: no limit).</param>
/// <param name="TopP">Nucleus sampling mass in (0, 1] (null: no limit).</param>
/// <param name="Seed">Random seed.</param>
/// <param name="TempoBpm">Tempo to write, or null for the model's choice.</param>
/// <param name="Key">Key for key-conditioned (pop) models, e.g. "A minor"; null: drawn from the seed.</param>
/// <param name="Chords">Chord progression for pop models, one chord per bar, repeated (e.g. Am F C G); null: the model's.</param>
/// <param name="Instruments">GM instrument per output track (names such as flute, strings, piano, or program numbers); null: the model's defaults.</param>
public sealed record MusicRequest(
    string? Composer,
    double LengthSeconds,
    double Temperature,
    int? TopK,
    double? TopP,
    long Seed,
    double? TempoBpm = null,
    string? Key = null,
    IReadOnlyList<string>? Chords = null,
    IReadOnlyList<string>? Instruments = null);

/// <summary>A loaded music model that writes MIDI. Implementations batch the requests into one forward pass per step.</summary>
public interface IMusicGenerator : IDisposable
{
    string ModelName { get; }

    /// <summary>
    /// Changes whenever the weights or the sampling procedure change, i.e. whenever the same request could give other
    /// bytes (e.g. a hash of the checkpoint and a sampling revision): recipes name it to promise exact regeneration.
    /// </summary>
    string ModelVersion { get; }

    /// <summary>Conditioning labels the model accepts as <see cref="MusicRequest.Composer"/>.</summary>
    IReadOnlyList<string> Composers { get; }

    /// <summary>Generates one standard MIDI file per request, in order. Invalid requests throw <see cref="ArgumentException"/>.</summary>
    IReadOnlyList<byte[]> GenerateMidi(IReadOnlyList<MusicRequest> requests, CancellationToken cancellationToken = default);
}

/// <summary>A music generator that can also run requests by continuous batching (see <see cref="Sampling.ContinuousMusicGenerator"/>).</summary>
public interface IContinuousMusicGenerator : IMusicGenerator
{
    /// <summary>Starts stepping requests as they come, at most <paramref name="maxStreams"/> at once. Dispose it before the generator.</summary>
    Sampling.ContinuousMusicGenerator StartContinuous(int maxStreams, Sampling.IContinuousBatchObserver? observer = null);
}
