using CreativeGen.Cluster.Tests.Placement;
using CreativeGen.GrainInterfaces.Experiences;
using CreativeGen.GrainInterfaces.Users;

namespace CreativeGen.Cluster.Tests.Experiences;

public sealed class ExperienceSteeringTests(TwoSiloClusterFixture fixture) : IClassFixture<TwoSiloClusterFixture>
{
    [Fact]
    public async Task RatingsOfExperiences_SteerTheNextOnesTowardWhatTheUserLikes()
    {
        // A simulated user whose hidden taste is mountains with Bach: 5 stars for that pair, 2 for anything else. Unrated,
        // a quarter of experiences are mountains and a third of those take Bach (the scene suggests neither Bach nor Satie
        // nor Chopin for mountains), so about 8% would please them.
        var user = fixture.Client.GetGrain<IUserGrain>(Guid.NewGuid().ToString("N"));
        var pleasedShares = new List<double>();
        for (var block = 0; block < 3; block++)
        {
            var pleased = 0;
            for (var i = 0; i < 20; i++)
            {
                var experience = await user.CreateExperienceAsync(new ExperienceOrder(Seed: 1000 + block * 20 + i));
                var liked = experience.Recipe.Match is { Category: "mountain", Style: "bach" };
                await user.RateExperienceAsync(experience.Id, liked ? 5 : 2);
                pleased += liked ? 1 : 0;
            }
            pleasedShares.Add(pleased / 20.0);
        }

        Assert.True(pleasedShares[2] >= 0.35 && pleasedShares[2] > pleasedShares[0], $"shares rated 5 by block: {string.Join(", ", pleasedShares)}");
    }

    [Fact]
    public async Task RatingAnExperienceAgain_ReplacesItsRating()
    {
        var user = fixture.Client.GetGrain<IUserGrain>(Guid.NewGuid().ToString("N"));
        var experience = await user.CreateExperienceAsync(new ExperienceOrder(Theme: "sea", Seed: 3));

        await user.RateExperienceAsync(experience.Id, 1);
        var rerated = await user.RateExperienceAsync(experience.Id, 4);

        Assert.Equal(4, rerated.Rating);
        Assert.Equal(4, (await user.GetExperienceAsync(experience.Id))!.Rating);
        Assert.Single(await user.GetExperiencesAsync(10));
    }
}
