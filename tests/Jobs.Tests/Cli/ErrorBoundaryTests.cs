using System.Net;
using System.Net.Sockets;

namespace ResearchPipeline.Jobs.Tests.Cli;

/// <summary>Every error is one rp: line (what and where), exit 1 or 2; a stack trace only with --verbose.</summary>
public sealed class ErrorBoundaryTests : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rp-err-" + Guid.NewGuid().ToString("N")[..10])).FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static void OneLine(string error, string starts)
    {
        Assert.StartsWith("rp: " + starts, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
    }

    [Fact]
    public void SamplesGenerate_OutUnderAFile_OneLineNoStackTrace()
    {
        var file = Path.Combine(_dir, "a-file");
        File.WriteAllText(file, "x");
        var (code, _, error) = RpCli.Run("samples", "generate", "--out", Path.Combine(file, "samples"));
        Assert.Equal(2, code); // a path the user gave that cannot be a folder: rejected input
        OneLine(error, "");
        Assert.Contains("a-file", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void Ingest_MissingFile_OneLineExit2AndVerboseShowsWhere()
    {
        var warehouse = Path.Combine(_dir, "w.duckdb");
        RpCli.Ok("init", "--warehouse", warehouse);
        var (code, _, error) = RpCli.Run("ingest", Path.Combine(_dir, "nope.csv"), "--warehouse", warehouse);
        Assert.Equal(2, code);
        OneLine(error, "");
        Assert.Contains("nope.csv", error, StringComparison.Ordinal);

        var (_, _, verbose) = RpCli.Run("ingest", Path.Combine(_dir, "nope.csv"), "--warehouse", warehouse, "--verbose");
        Assert.Contains("   at ", verbose, StringComparison.Ordinal);
    }

    [Fact]
    public void Rp_MistypedCommand_SuggestsTheCommand()
    {
        var (code, _, error) = RpCli.Run("publsh");
        Assert.Equal(2, code);
        Assert.Contains("rp: 'publsh' was not matched", error, StringComparison.Ordinal);
        Assert.Contains("publish", error.Split('\n').Skip(1).First(l => l.Contains("publish", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_PortInUse_OneLineAndExit1()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var config = Path.Combine(_dir, "pipeline.yaml");
        File.WriteAllText(config, $"warehouse: w/pipeline.duckdb\ndashboard:\n  port: {port}\n");
        var lines = new List<string>();
        using var process = RpCli.Start(["serve", "--config", config], log: l => { lock (lines) { lines.Add(l); } });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        string said;
        lock (lines)
        {
            said = string.Join("\n", lines);
        }

        Assert.True(process.ExitCode == 1, said);
        Assert.Contains("! rp: ", said, StringComparison.Ordinal);
        Assert.Contains("address already in use", said, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", said, StringComparison.Ordinal);
    }

    /// <summary>A model that fails to build is named: the warehouse says what went wrong, the message says where.</summary>
    [Fact]
    public void AModelThatFailsToBuild_IsNamedInTheOneLine()
    {
        using var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "select * from no_such_table";
        var refused = Assert.Throws<DuckDB.NET.Data.DuckDBException>(() => command.ExecuteNonQuery());
        var (code, message) = ResearchPipeline.Jobs.Cli.ErrorBoundary.Describe(new ResearchPipeline.Transform.Runner.ModelBuildException("marts.stage_history", refused));
        Assert.Equal(1, code);
        Assert.StartsWith("building marts.stage_history: the warehouse refused the operation: Catalog Error", message, StringComparison.Ordinal);
        Assert.True(ResearchPipeline.Jobs.Cli.ErrorBoundary.IsKnown(new ResearchPipeline.Transform.Runner.ModelBuildException("marts.x", refused)));
    }
}
