namespace CreativeGen.GrainInterfaces.Content;

/// <summary>What went wrong with a request, so that the gateway can answer with the right status.</summary>
[GenerateSerializer, Alias("CreativeGen.GenerationErrorKind")]
public enum GenerationErrorKind
{
    /// <summary>Bad or absurd parameters (HTTP 400).</summary>
    InvalidRequest = 0,

    /// <summary>No such recipe, model or history entry (HTTP 404).</summary>
    NotFound = 1,

    /// <summary>The recipe names a model version that is no longer loaded (HTTP 410).</summary>
    Gone = 2,

    /// <summary>The model exists but cannot be loaded or run now (HTTP 503).</summary>
    Unavailable = 3,
}

/// <summary>A request the grains refuse, with a message that names the problem.</summary>
[GenerateSerializer, Alias("CreativeGen.GenerationRequestException")]
public sealed class GenerationRequestException : Exception
{
    public GenerationRequestException(GenerationErrorKind kind, string message, string? parameter = null)
        : base(message)
    {
        Kind = kind;
        Parameter = parameter;
    }

    [Id(0)]
    public GenerationErrorKind Kind { get; private set; }

    /// <summary>The offending parameter's name, if one is to blame.</summary>
    [Id(1)]
    public string? Parameter { get; private set; }

    public static GenerationRequestException Invalid(string parameter, string message) =>
        new(GenerationErrorKind.InvalidRequest, message, parameter);
}
