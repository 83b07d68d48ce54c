using DuckDB.NET.Data;
using ResearchPipeline.Warehouse.Runs;
using ResearchPipeline.TestSupport;

namespace ResearchPipeline.Jobs.Tests.Commands.Run;

/// <summary>rp run: one full pass under the writer lock, the inbox scan, and every step in ops.runs.</summary>
[Trait(TestCategory.Trait, TestCategory.EndToEnd)]
public sealed class RunCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rp-run-" + Guid.NewGuid().ToString("N")[..10])).FullName;

    public RunCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "inbox"));
        File.WriteAllText(Path.Combine(_dir, "pipeline.yaml"), """
            warehouse: warehouse/pipeline.duckdb
            reports_out: reports
            min_cell_size: 2
            inbox:
              - path: inbox
            """);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Config => Path.Combine(_dir, "pipeline.yaml");

    private string Warehouse => Path.Combine(_dir, "warehouse", "pipeline.duckdb");

    private void Drop(string name, string content) => File.WriteAllText(Path.Combine(_dir, "inbox", name), content);

    private static string Ratings(string wave) => "network,framework,wave,unit,role,rater,dimension,level,rated_at,is_consensus,comment\n" +
        string.Concat(new[] { "uva-chesterfield", "gmu-fairfax" }.SelectMany(u => Enumerable.Range(1, 24).Select(d => $"ilead,ilead-dp-2018,{wave},{u},IHE,ann@{u}.edu,{d},{1 + (d % 4)},,false,\n")));

    private List<string> Runs()
    {
        using var connection = new DuckDBConnection($"Data Source={Warehouse};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "select job || ':' || status from ops.runs order by run_id";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    [Fact]
    public void Run_InboxWithAGoodAndABadFile_FullPassRecordedFilesMovedReportsWritten()
    {
        Drop("2019.csv", Ratings("2019"));
        Drop("notes.csv", "this,is,not\na,rating,file\n");
        var output = RpCli.Ok("run", "--config", Config);
        Assert.Contains("notes.csv: refused: notes.csv row 1: not a file this pipeline knows", output, StringComparison.Ordinal);
        Assert.Contains("Inbox: 1 file(s) landed, 1 refused.", output, StringComparison.Ordinal);
        Assert.Contains("  publish     succeeded", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_dir, "inbox", "processed", "2019.csv")));
        Assert.True(File.Exists(Path.Combine(_dir, "inbox", "refused", "notes.csv")));
        Assert.StartsWith("notes.csv row 1: not a file this pipeline knows", File.ReadAllText(Path.Combine(_dir, "inbox", "refused", "notes.csv.error.txt")), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(_dir, "inbox")));
        Assert.True(File.Exists(Path.Combine(_dir, "warehouse", "published", "snapshot.duckdb")));
        Assert.True(File.Exists(Path.Combine(_dir, "reports", "partner", "uva-chesterfield-2019.html")));
        Assert.True(File.Exists(Path.Combine(_dir, "reports", "hub", "2019.html")));
        Assert.Equal(["run:succeeded", "run:pull:succeeded", "run:scan_inbox:succeeded", "run:transform:succeeded", "run:check:succeeded", "run:publish:succeeded", "run:reports:succeeded"], Runs());

        // A second pass with a new wave in the inbox: only that file lands, the transform is incremental.
        Drop("2020.csv", Ratings("2020"));
        var again = RpCli.Ok("run", "--config", Config);
        Assert.Contains("Incremental build: 6 framework × unit × wave combination(s)", again, StringComparison.Ordinal); // 2 partnerships × 2020 and the waves after it
        Assert.Equal(14, Runs().Count);
    }

    [Fact]
    public void Run_WhileAnotherJobHoldsTheWriterLock_SkippedNotQueued()
    {
        RpCli.Ok("init", "--config", Config);
        Drop("2019.csv", Ratings("2019"));
        using (var held = WriterLock.TryAcquire(Warehouse, "a long transform", TimeProvider.System, out _))
        {
            Assert.NotNull(held);
            var (code, output, _) = RpCli.Run("run", "--config", Config);
            Assert.Equal(1, code);
            Assert.StartsWith("Skipped: the warehouse is being written by", output, StringComparison.Ordinal);
            var (ingestCode, ingestOutput, _) = RpCli.Run("ingest", Path.Combine(_dir, "inbox", "2019.csv"), "--config", Config);
            Assert.Equal((1, true), (ingestCode, ingestOutput.StartsWith("Skipped:", StringComparison.Ordinal)));
            Assert.True(File.Exists(Path.Combine(_dir, "inbox", "2019.csv")), "the skipped run left the inbox alone");
        }

        Assert.Contains("  reports     succeeded", RpCli.Ok("run", "--config", Config), StringComparison.Ordinal);
    }

    [Fact]
    public void ScheduledScan_AFileStillBeingWritten_IsLeftForTheNextScan()
    {
        RpCli.Ok("init", "--config", Config);
        var context = new Jobs.Cli.RpContext(Jobs.Config.PipelineConfig.Load(Config), TextWriter.Null, TimeProvider.System);
        Drop("2019.csv", Ratings("2019"));
        var file = Path.Combine(_dir, "inbox", "2019.csv");
        File.SetLastWriteTimeUtc(file, TimeProvider.System.GetUtcNow().UtcDateTime);
        Assert.Equal(0, Jobs.Commands.Ingest.InboxScan.Scan(context, TimeSpan.FromSeconds(30)).Landed);
        Assert.True(File.Exists(file), "a file touched moments ago stays in the inbox");

        File.SetLastWriteTimeUtc(file, TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-1));
        Assert.Equal(1, Jobs.Commands.Ingest.InboxScan.Scan(context, TimeSpan.FromSeconds(30)).Landed);
        Assert.True(File.Exists(Path.Combine(_dir, "inbox", "processed", "2019.csv")));
    }
}
