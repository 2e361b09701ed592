namespace CreativeGen.GrainInterfaces.Content;

[GenerateSerializer, Alias("CreativeGen.ContentKind")]
public enum ContentKind
{
    Music = 0,
    Landscape = 1,
}
