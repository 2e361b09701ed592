using CreativeGen.Ml.Music.Evaluation;
using CreativeGen.Ml.Music.Training;

namespace CreativeGen.Ml.Tests.Music.Evaluation;

public sealed class LikelihoodEvaluatorTests(TinyPianoModelFixture model) : IClassFixture<TinyPianoModelFixture>
{
    [Fact]
    public void Evaluate_TrainedTinyModel_ReportsConsistentBitsBelowUniform()
    {
        var (header, network, _) = MusicCheckpoint.Load(model.Checkpoint);
        using (network)
        {
            var report = LikelihoodEvaluator.Evaluate(network, header, MusicTestData.FixturePianoVal, maxFiles: 2);

            Assert.Equal(2, report.Pieces);
            Assert.InRange(report.BitsPerToken, 1, Math.Log2(header.Model.VocabularySize));
            Assert.Equal(report.BitsPerToken * report.Tokens / report.Seconds, report.BitsPerSecond, 6);
            Assert.True(report.Seconds > 30);
        }
    }
}
