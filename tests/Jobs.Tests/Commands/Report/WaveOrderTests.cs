using ResearchPipeline.TestSupport;

namespace ResearchPipeline.Jobs.Tests.Commands.Report;

/// <summary>Waves are ordered by wave_seq (their dates), never by their id as text: "2022-spring" sorts after "2022-fall" as text.</summary>
[Trait(TestCategory.Trait, TestCategory.EndToEnd)]
public sealed class WaveOrderTests : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rp-waves-" + Guid.NewGuid().ToString("N")[..10])).FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ReportIc_SpringAndFallWaves_LatestIsTheFallByDateNotTheSpringByText()
    {
        var warehouse = Path.Combine(_dir, "w", "pipeline.duckdb");
        var ratings = Path.Combine(_dir, "txnsi.csv");
        File.WriteAllLines(ratings, File.ReadLines(Path.Combine(Repository.Samples, "txnsi-ic-ratings.csv")).Where(l => !l.Contains(",2023-spring,", StringComparison.Ordinal)));
        RpCli.Ok("init", "--warehouse", warehouse);
        RpCli.Ok("ingest", ratings, "--warehouse", warehouse);
        RpCli.Ok("transform", "--warehouse", warehouse);
        RpCli.Ok("publish", "--warehouse", warehouse);

        var output = RpCli.Ok("report", "ic", "--team", "txnsi-r10-campus-a1", "--out", Path.Combine(_dir, "reports"), "--warehouse", warehouse);
        Assert.Contains("txnsi-r10-campus-a1-2022-fall.html", output, StringComparison.Ordinal);

        var waves = RpCli.Ok("query", "select wave_id, wave_seq from research.waves where network_id = 'txnsi' order by wave_seq", "--format", "csv", "--warehouse", warehouse);
        Assert.Equal("wave_id,wave_seq\n2021-fall,1\n2022-spring,2\n2022-fall,3\n2023-spring,4\n", waves.Replace("\r", "", StringComparison.Ordinal));

        // Every research view with a wave carries its wave_seq.
        var missing = RpCli.Ok("query", """
            select table_name from information_schema.columns where table_schema = 'research' and column_name in ('wave_id', 'from_wave')
            except
            select table_name from information_schema.columns where table_schema = 'research' and column_name in ('wave_seq', 'from_wave_seq')
            """, "--format", "csv", "--warehouse", warehouse);
        Assert.Equal("table_name", missing.Trim());
        var transitions = RpCli.Ok("query", "select distinct from_wave, from_wave_seq, to_wave, to_wave_seq from research.stage_transitions order by from_wave_seq", "--format", "csv", "--warehouse", warehouse);
        Assert.Equal("from_wave,from_wave_seq,to_wave,to_wave_seq\n2021-fall,1,2022-spring,2\n2022-spring,2,2022-fall,3\n", transitions.Replace("\r", "", StringComparison.Ordinal));
    }
}
