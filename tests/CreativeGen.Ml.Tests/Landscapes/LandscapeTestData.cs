using CreativeGen.Ml.Landscapes.Data;

namespace CreativeGen.Ml.Tests.Landscapes;

/// <summary>Small sets of real landscape photos copied from the shared data into a temporary folder.</summary>
public sealed class LandscapeTestData : IDisposable
{
    public static readonly string[] Categories = ["forest", "glacier", "mountain", "sea"];

    public LandscapeTestData(int perCategory, string split = "train")
    {
        Folder = Directory.CreateTempSubdirectory("creativegen-landscapes-").FullName;
        foreach (var category in Categories)
        {
            var source = Path.Combine(TestData.SharedData, "landscapes", split, category);
            var target = Directory.CreateDirectory(Path.Combine(Folder, category)).FullName;
            foreach (var file in Directory.GetFiles(source, "*.jpg").Order(StringComparer.Ordinal).Take(perCategory))
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
    }

    public string Folder { get; }

    public string CategoryFolder(string category) => Path.Combine(Folder, category);

    public LandscapeDataset Load(int resolution) => LandscapeIngest.Load(Folder, resolution);

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
