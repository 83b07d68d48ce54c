using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using ResearchPipeline.TestSupport;

namespace ResearchPipeline.Jobs.Tests.Serve;

/// <summary>
/// Two `rp serve` processes sharing one Hangfire queue in PostgreSQL (jobs_storage: postgres): every job runs exactly
/// once, and no two warehouse writers overlap. Needs the PostgreSQL that the README's test command installs and
/// starts (RP_TEST_PG is the connection string of a role that may create databases).
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed partial class DistributedServeTests : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rp-dist-" + Guid.NewGuid().ToString("N")[..10])).FullName;
    private readonly List<Process> _servers = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _log = new();
    private readonly string _database = "rp_jobs_" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _admin = Environment.GetEnvironmentVariable("RP_TEST_PG")
        ?? throw new InvalidOperationException("RP_TEST_PG is not set: run the tests with `bash .ci/test.sh`, which installs and starts PostgreSQL.");

    public DistributedServeTests()
    {
        using var connection = new NpgsqlConnection(_admin);
        connection.Open();
        using var create = new NpgsqlCommand($"create database {_database}", connection);
        create.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var server in _servers.Where(s => !s.HasExited))
        {
            server.Kill(entireProcessTree: true);
        }

        foreach (var server in _servers)
        {
            server.Dispose();
        }

        // Drop the test's database. A server process killed a moment ago, or an autovacuum worker that just started on
        // the database, may still hold a session that this role may not end; try again shortly, and leave the
        // uniquely named database behind rather than fail a test that passed.
        NpgsqlConnection.ClearAllPools();
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            try
            {
                using var connection = new NpgsqlConnection(_admin);
                connection.Open();
                using var drop = new NpgsqlCommand($"drop database if exists {_database} with (force)", connection);
                drop.ExecuteNonQuery();
                break;
            }
            catch (PostgresException) when (attempt < 10)
            {
                Thread.Sleep(500);
            }
            catch (PostgresException)
            {
                // left behind: named for this run only
            }
        }

        Directory.Delete(_dir, recursive: true);
    }

    private Process Start(string name)
    {
        Directory.CreateDirectory(Path.Combine(_dir, "inbox"));
        var config = Path.Combine(_dir, $"pipeline-{name}.yaml");
        File.WriteAllText(config, $"""
            warehouse: warehouse/pipeline.duckdb
            inbox:
              - path: inbox
            schedules:
              scan_inbox: "*/1 * * * * *"
            schedule_poll_seconds: 1
            jobs_storage: postgres
            connection_env: RP_JOBS_PG
            dashboard:
              port: 0
            """);
        var process = RpCli.Start(["serve", "--config", config], _dir,
            new Dictionary<string, string> { ["RP_JOBS_PG"] = new NpgsqlConnectionStringBuilder(_admin) { Database = _database }.ConnectionString },
            line => _log.Enqueue($"{name}: {line}"));
        _servers.Add(process);
        return process;
    }

    [Fact]
    public async Task Serve_TwoServersOnOnePostgres_EveryJobOnceAndWritersNeverOverlap()
    {
        RpCli.Ok("init", "--warehouse", Jobs.Config.PipelineConfig.Defaults(_dir).Warehouse);
        var a = Start("a");
        var b = Start("b");
        string[] units = ["uva-chesterfield", "gmu-fairfax", "du-denver"];
        foreach (var (unit, i) in units.Select((u, i) => (u, i)))
        {
            File.WriteAllText(Path.Combine(_dir, "inbox", $"{unit}.csv"), ServeTests.Ratings("2019", unit));
            await Task.Delay(TimeSpan.FromSeconds(2)); // pacing the drops, not waiting for a result: files arrive as they do in use
        }

        await ServeTests.WaitFor(() => Directory.GetFiles(Path.Combine(_dir, "inbox")).Length == 0, "both servers to empty the inbox", 90, () => "servers said: " + string.Join(" / ", _log));
        await ServeTests.WaitFor(() => File.Exists(Path.Combine(_dir, "warehouse", "published", "snapshot.duckdb")), "a publish continuation", 90, () => "servers said: " + string.Join(" / ", _log));
        // The last transform and publish continuations: wait until nothing is running and no run has been added for 3 s.
        var warehouse = Path.Combine(_dir, "warehouse", "pipeline.duckdb");
        var (seen, since) = (-1, Stopwatch.StartNew());
        await ServeTests.WaitFor(() =>
        {
            var runs = ServeTests.RunsNow(warehouse);
            if (runs.Count != seen || runs.Any(r => r[1] == "running"))
            {
                (seen, since) = (runs.Count, Stopwatch.StartNew());
            }

            return seen > 0 && since.Elapsed > TimeSpan.FromSeconds(3);
        }, "the servers to finish their last jobs", 90, () => "servers said: " + string.Join(" / ", _log));
        await ServeTests.Stop(a);
        await ServeTests.Stop(b);

        var runs = ServeTests.Runs(Path.Combine(_dir, "warehouse", "pipeline.duckdb"));
        Assert.Equal(units.Length, Directory.GetFiles(Path.Combine(_dir, "inbox", "processed")).Length);
        var trace = string.Join("\n", runs.Select(r => string.Join(" | ", r)));
        Assert.True(units.Length == runs.Where(r => r[0] == "scan_inbox" && r[1] == "succeeded").Sum(r => Landed(r[2])), trace);

        // Every Hangfire job ran (or was skipped) exactly once: no job id appears in two runs.
        var ids = runs.Select(r => JobId().Match(r[2])).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        Assert.True(ids.Count >= units.Length, $"{ids.Count} runs with a job id");
        Assert.Equal(ids.Count, ids.Distinct().Count());

        // The writers (runs that did not skip) never overlapped in time.
        var writes = runs.Where(r => r[1] is "succeeded" or "failed")
            .Select(r => (Start: DateTime.Parse(r[3], CultureInfo.InvariantCulture), End: DateTime.Parse(r[4], CultureInfo.InvariantCulture)))
            .OrderBy(w => w.Start).ToList();
        for (var i = 1; i < writes.Count; i++)
        {
            Assert.True(writes[i].Start >= writes[i - 1].End, $"writer {i} started at {writes[i].Start:O} before writer {i - 1} ended at {writes[i - 1].End:O}");
        }

        Assert.Contains(runs, r => r[0] == "publish" && r[1] == "succeeded");
    }

    private static int Landed(string message) => Regex.Match(message, @"Inbox: (\d+) file") is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"hangfire job ([^ :)]+)")]
    private static partial Regex JobId();
}
