using ResearchPipeline.Jobs.Benchmark;
using ResearchPipeline.Jobs.Commands.Benchmark;
using ResearchPipeline.Models;

namespace ResearchPipeline.Jobs.Tests.Benchmark;

/// <summary>The benchmark's variants of the scale file change exactly what they say, and its options are checked before it runs.</summary>
public sealed class BenchmarkFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rp-benchfiles-" + Guid.NewGuid().ToString("N")[..10])).FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly string[] Source =
    [
        "# synthetic sample data",
        "network,framework,wave,unit,role,rater,dimension,level,rated_at,is_consensus,comment",
        "ilead,ilead-dp-2018,2018,a-u,IHE,x@a,1,1,2018-04-05,false,\"We ran a PDSA, see notes\"",
        "ilead,ilead-dp-2018,2019,a-u,IHE,x@a,1,2,2019-04-05,false,",
        "ilead,ilead-dp-2018,2020,a-u,IHE,x@a,1,4,2020-04-05,false,\"a, b\"",
        "ilead,ilead-dp-2018,2020,a-u,LEA,y@a,1,,2020-04-05,false,",
        "ilead,ilead-dp-2018,2020,b-u,IHE,z@b,1,3,2020-04-05,false,",
        "ilead,ilead-dp-2018,2021,a-u,IHE,x@a,1,3,2021-04-05,false,",
    ];

    private string Write()
    {
        var path = Path.Combine(_dir, "source.csv");
        File.WriteAllText(path, string.Join("\n", Source) + "\n");
        return path;
    }

    [Fact]
    public void BadRows_NamesWave2099OnEveryNthDataRow_AndKeepsEverythingElse()
    {
        var lines = File.ReadAllLines(BenchmarkFiles.BadRows(Write(), Path.Combine(_dir, "bad.csv"), 2));
        Assert.Equal(Source.Length, lines.Length);
        Assert.Equal(Source[..3], lines[..3]);
        Assert.Equal("ilead,ilead-dp-2018,2099,a-u,IHE,x@a,1,2,2019-04-05,false,", lines[3]);
        Assert.Equal(Source[4], lines[4]);
        Assert.Equal(3, lines.Count(l => l.Contains(",2099,", StringComparison.Ordinal)));
    }

    [Fact]
    public void Resubmission_IsTheFirstUnitsMiddleWave_EveryStageMovedAndBlanksKept()
    {
        var (file, unit, wave, rows) = BenchmarkFiles.Resubmission(Write(), Path.Combine(_dir, "resubmission.csv"));
        Assert.Equal(("a-u", "2020", 2L), (unit, wave, rows));
        Assert.Equal([Source[0], Source[1], "ilead,ilead-dp-2018,2020,a-u,IHE,x@a,1,1,2020-04-05,false,\"a, b\"", Source[5]], File.ReadAllLines(file));
    }

    [Theory]
    [InlineData("", new double[0])]
    [InlineData("0.1, 10", new[] { 0.1, 10.0 })]
    public void Scales_AreRead(string text, double[] expected) => Assert.Equal(expected, BenchmarkCommand.Scales(text));

    [Theory]
    [InlineData("ten")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1000")]
    public void AScaleThatIsNotOne_IsRefusedInOneLine(string text) =>
        Assert.Contains($"--scales: \"{text}\" is not a scale", Assert.Throws<PipelineInputException>(() => BenchmarkCommand.Scales(text)).Message, StringComparison.Ordinal);
}
