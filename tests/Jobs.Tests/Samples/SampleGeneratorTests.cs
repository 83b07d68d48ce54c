using ResearchPipeline.Jobs.Samples;

namespace ResearchPipeline.Jobs.Tests.Samples;

/// <summary>rp samples generate: the committed samples are what the generator writes, and the scale options count right.</summary>
public sealed class SampleGeneratorTests : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rp-gen-" + Guid.NewGuid().ToString("N")[..10])).FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static List<string[]> Rows(string file) => File.ReadLines(file).Skip(2).Select(l => l.Split(',')).ToList();

    [Fact]
    public void Generate_Defaults_ReproduceTheCommittedSamplesByteForByte()
    {
        new SampleGenerator(new SampleOptions()).Generate(_dir);
        foreach (var file in new[] { "ilead-ratings.csv", "txnsi-ic-ratings.csv" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(TestSupport.Repository.Samples, file)), File.ReadAllBytes(Path.Combine(_dir, file)));
        }
    }

    [Fact]
    public void Generate_FullResponseWithAnExtraWave_EveryRaterRatesEveryObjectiveAndTheLastWaveIsItsOwnFile()
    {
        var written = new SampleGenerator(new SampleOptions(Partnerships: 14, Waves: 6, MaxRaters: 4, IncludeTxnsi: false, FullResponse: true, ExtraWave: true)).Generate(_dir);
        var main = Rows(Path.Combine(_dir, "ilead-ratings.csv"));
        var extra = Rows(Path.Combine(_dir, "ilead-ratings-extra-wave.csv"));
        Assert.Equal(written.Ratings, main.Count + extra.Count);

        // 14 partnerships × 4 raters × 24 objectives per wave, every level given; consensus (JOINT) rows come on top.
        var raterRows = main.Where(r => r[4] != "JOINT").ToList();
        Assert.Equal(14 * 4 * 24 * 6, raterRows.Count);
        Assert.All(raterRows, r => Assert.NotEqual("", r[7]));
        Assert.Equal(["2018", "2019", "2020", "2021", "2022", "2023"], main.Select(r => r[2]).Distinct().Order());
        Assert.Equal(["2024"], extra.Select(r => r[2]).Distinct());
        Assert.Equal(14 * 4 * 24, extra.Count(r => r[4] != "JOINT"));
        Assert.Equal(14 - 11, File.ReadLines(Path.Combine(_dir, "roster.csv")).Skip(1).Select(l => l.Split(',')[1]).Distinct().Count());
        Assert.Contains("ilead,2024,", File.ReadAllText(Path.Combine(_dir, "waves.csv")), StringComparison.Ordinal);
    }
}
