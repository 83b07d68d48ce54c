namespace ResearchPipeline.Jobs.Tests.Commands.Ingest;

/// <summary>What <c>rp ingest</c> says about a file: the first ten quarantined rows, how many more, and with --timings where the time went.</summary>
public sealed class IngestOutputTests : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rp-ingestout-" + Guid.NewGuid().ToString("N")[..10])).FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ManyBadRows_TheFirstTenAreShown_TheRestCounted_AndTimingsListTheSteps()
    {
        var warehouse = Path.Combine(_dir, "warehouse", "pipeline.duckdb");
        RpCli.Ok("init", "--warehouse", warehouse);
        var file = Path.Combine(_dir, "ratings.csv");
        File.WriteAllLines(file, [
            "network,framework,wave,unit,role,rater,dimension,level,rated_at,is_consensus,comment",
            "ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,a@b.c,1,2,,false,",
            .. Enumerable.Range(1, 13).Select(i => $"ilead,ilead-dp-2018,2019,nowhere-{i},IHE,a@b.c,1,2,,maybe,"),
        ]);
        var (code, output, error) = RpCli.Run("ingest", file, "--timings", "--warehouse", warehouse);
        Assert.True(code == 0, error);
        Assert.Contains("read 14, loaded 1, quarantined 13, skipped 0", output, StringComparison.Ordinal);
        var shown = output.Split('\n').Where(l => l.Contains("quarantined: ratings.csv row", StringComparison.Ordinal)).ToList();
        Assert.Equal(10, shown.Count);
        Assert.Contains("row 3, column \"unit\": unit \"nowhere-1\" is not in the roster", shown[0], StringComparison.Ordinal);
        Assert.Contains("row 3, column \"is_consensus\": \"maybe\" is not true or false", shown[1], StringComparison.Ordinal);
        Assert.Contains("… and 16 more: select * from ops.quarantine where batch_id = ", output, StringComparison.Ordinal);
        Assert.Contains(" s  DuckDB read_csv into a temporary table", output, StringComparison.Ordinal);
        Assert.Contains(" s  core written", output, StringComparison.Ordinal);
    }
}
