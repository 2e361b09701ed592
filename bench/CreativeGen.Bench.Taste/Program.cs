using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes;
using CreativeGen.Ml.Personalization;
using CreativeGen.Ml.Personalization.Evaluation;

// Simulated users whose hidden taste the system never sees rate 20 results each; prints the share they rate 4 or more,
// plain vs personalized sampling (median and spread over users), for landscapes and for music.
var users = new Option<int>("--users") { DefaultValueFactory = _ => 100, Description = "Simulated users per kind (1..10000)." };
var ratings = new Option<int>("--ratings") { DefaultValueFactory = _ => 20, Description = "Ratings per user (1..200)." };
var candidates = new Option<int>("--candidates") { DefaultValueFactory = _ => LatentTasteOptions.Default.Candidates, Description = "Landscape seed candidates per picture." };
var seed = new Option<long>("--seed") { DefaultValueFactory = _ => 1, Description = "Population seed." };
var pictureUsersOption = new Option<int>("--picture-users") { DefaultValueFactory = _ => 8, Description = "Of them, landscape users who judge painted pictures (slow: about 90 pictures each)." };
var kind = new Option<string>("--kind") { DefaultValueFactory = _ => "both", Description = "landscape, music or both." };
var root = new RootCommand("Personalization lift with simulated users") { users, ratings, candidates, seed, pictureUsersOption, kind };
root.SetAction(parse =>
{
    var (count, perUser, population, which) = (Math.Clamp(parse.GetValue(users), 1, 10_000), Math.Clamp(parse.GetValue(ratings), 1, 200), parse.GetValue(seed), parse.GetValue(kind));
    Console.WriteLine($"users {count}, ratings {perUser}, population seed {population}");
    if (which is "landscape" or "both")
    {
        TorchRuntime.Initialize();
        var options = new LatentTasteOptions(Candidates: parse.GetValue(candidates));
        var clock = Stopwatch.StartNew();
        var latentUsers = LandscapeTasteSimulation.RunLatentUsers(count, perUser, options, population);
        Summary.Print($"landscapes, users judging the latent ({options})", latentUsers.Select(o => (o.PlainShare, o.PersonalizedShare)).ToList(), clock.Elapsed);
        using var model = LandscapeModelLoader.LoadModel(DefaultModels.Require(DefaultModels.LandscapeFileName));
        clock.Restart();
        var pictureUsers = LandscapeTasteSimulation.RunPictureUsers(model, Math.Clamp(parse.GetValue(pictureUsersOption), 0, count), perUser, options, population);
        if (pictureUsers.Count > 0)
            Summary.Print($"landscapes, users judging the painted picture ({model.ModelVersion})", pictureUsers.Select(o => (o.PlainShare, o.PersonalizedShare)).ToList(), clock.Elapsed);
    }
    if (which is "music" or "both")
    {
        var clock = Stopwatch.StartNew();
        var outcomes = CreativeGen.Grains.Users.MusicTasteSimulation.Run(count, perUser, population);
        Summary.Print("music (pop conditioning: key, tempo, instruments)", outcomes.Select(o => (o.PlainShare, o.PersonalizedShare)).ToList(), clock.Elapsed);
    }
});
return root.Parse(args).Invoke();

internal static class Summary
{
    public static void Print(string title, IReadOnlyList<(double Plain, double Personalized)> shares, TimeSpan elapsed)
    {
        static string Spread(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            double At(double q) => sorted[(int)Math.Round(q * (sorted.Length - 1))];
            return string.Create(CultureInfo.InvariantCulture, $"median {At(0.5):P0} (p10 {At(0.1):P0}, p25 {At(0.25):P0}, p75 {At(0.75):P0}, p90 {At(0.9):P0}), mean {sorted.Average():P1}");
        }
        Console.WriteLine(title);
        Console.WriteLine($"  plain:        {Spread(shares.Select(s => s.Plain))}");
        Console.WriteLine($"  personalized: {Spread(shares.Select(s => s.Personalized))}");
        Console.WriteLine($"  lift:         {Spread(shares.Select(s => s.Personalized - s.Plain))}; users better {shares.Count(s => s.Personalized > s.Plain)}, worse {shares.Count(s => s.Personalized < s.Plain)} of {shares.Count}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {elapsed.TotalSeconds:F0} s"));
    }
}
