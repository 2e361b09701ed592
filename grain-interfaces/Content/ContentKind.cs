using System.Text.Json.Serialization;

namespace CreativeGen.GrainInterfaces.Content;

/// <summary>What a recipe makes; written as "Music" or "Landscape" in JSON.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ContentKind>))]
[GenerateSerializer, Alias("CreativeGen.ContentKind")]
public enum ContentKind
{
    Music = 0,
    Landscape = 1,
}
