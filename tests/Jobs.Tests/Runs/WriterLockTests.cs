using ResearchPipeline.Warehouse.Runs;

namespace ResearchPipeline.Jobs.Tests.Runs;

/// <summary>Every command that writes the warehouse takes the writer lock: init, check and demo too.</summary>
public sealed class WriterLockCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rp-lock-" + Guid.NewGuid().ToString("N")[..10])).FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("init")]
    [InlineData("check")]
    [InlineData("ingest")]
    [InlineData("transform")]
    [InlineData("publish")]
    public void WritingCommand_WhileAnotherJobHoldsTheLock_SkippedNotRun(string command)
    {
        var warehouse = Path.Combine(_dir, "w.duckdb");
        RpCli.Ok("init", "--warehouse", warehouse);
        var csv = Path.Combine(_dir, "r.csv");
        File.WriteAllText(csv, "network,framework,wave,unit,role,rater,dimension,level,rated_at,is_consensus,comment\nilead,ilead-dp-2018,2019,uva-chesterfield,IHE,a@example.org,1,2,2019-03-01,false,\n");
        string[] args = command == "ingest" ? [command, csv, "--warehouse", warehouse] : [command, "--warehouse", warehouse];
        using (var held = WriterLock.TryAcquire(warehouse, "a long transform", TimeProvider.System, out _))
        {
            Assert.NotNull(held);
            var (code, output, _) = RpCli.Run(args);
            Assert.Equal(1, code);
            Assert.StartsWith("Skipped: the warehouse is being written by ", output, StringComparison.Ordinal);
        }

        Assert.Contains($"{command,-16} skipped", RpCli.Ok("status", "--warehouse", warehouse), StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_WhileAnotherJobHoldsItsWarehouse_SkippedAndNothingDeleted()
    {
        var warehouse = Path.Combine(_dir, "demo", "warehouse", "pipeline.duckdb");
        Directory.CreateDirectory(Path.GetDirectoryName(warehouse)!);
        File.WriteAllText(warehouse + ".key", "keep me");
        using var held = WriterLock.TryAcquire(warehouse, "rp serve", TimeProvider.System, out _);
        var (code, output, _) = RpCli.Run("demo", "--out", Path.Combine(_dir, "demo"));
        Assert.Equal(1, code);
        Assert.StartsWith("Skipped: the warehouse is being written by ", output, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(warehouse + ".key"));
    }
}
