using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using DuckDB.NET.Data;
using ResearchPipeline.Warehouse.Runs;
using ResearchPipeline.TestSupport;

namespace ResearchPipeline.Jobs.Tests.Serve;

/// <summary>rp serve as a real process: schedules firing (6-field crons, 1 s polling), continuations, the single writer, the dashboard, a clean stop.</summary>
[Trait(TestCategory.Trait, TestCategory.EndToEnd)]
public sealed class ServeTests : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rp-serve-" + Guid.NewGuid().ToString("N")[..10])).FullName;
    private readonly List<Process> _servers = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _log = new();

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

        Directory.Delete(_dir, recursive: true);
    }

    private string Warehouse => Path.Combine(_dir, "warehouse", "pipeline.duckdb");

    /// <summary>The dashboard port a server chose (its config says port 0), from the line it prints once it listens.</summary>
    internal static async Task<int> PortOf(Process server, IEnumerable<string> log)
    {
        var port = 0;
        await WaitFor(() =>
        {
            Assert.False(server.HasExited, "the server exited: " + string.Join(" / ", log));
            var line = log.FirstOrDefault(l => l.Contains("dashboard: http://", StringComparison.Ordinal));
            return line is not null && int.TryParse(System.Text.RegularExpressions.Regex.Match(line, @":(\d+)/hangfire").Groups[1].Value, CultureInfo.InvariantCulture, out port);
        }, "the server to listen");
        return port;
    }

    private string Config(string schedules, string extra = "")
    {
        Directory.CreateDirectory(Path.Combine(_dir, "inbox"));
        var path = Path.Combine(_dir, $"pipeline-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, $"""
            warehouse: warehouse/pipeline.duckdb
            reports_out: reports
            inbox:
              - path: inbox
            schedules:
            {schedules}
            schedule_poll_seconds: 1
            dashboard:
              port: 0
            {extra}
            """);
        return path;
    }

    internal static string Ratings(string wave, string unit = "uva-chesterfield") => "network,framework,wave,unit,role,rater,dimension,level,rated_at,is_consensus,comment\n" +
        string.Concat(Enumerable.Range(1, 24).Select(d => $"ilead,ilead-dp-2018,{wave},{unit},IHE,ann@{unit}.edu,{d},{1 + (d % 4)},,false,\n"));

    private Process Start(string config, IDictionary<string, string>? environment = null, params string[] options)
    {
        var process = RpCli.Start(["serve", "--config", config, .. options], _dir, environment, _log.Enqueue);
        _servers.Add(process);
        return process;
    }

    /// <summary>Polls until the condition holds; on timeout the message says what was awaited and, from <paramref name="detail"/>, what the server said by then.</summary>
    internal static async Task WaitFor(Func<bool> condition, string what, int seconds = 90, Func<string>? detail = null)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(seconds), $"waited {seconds} s for {what}{(detail is null ? "" : "; " + detail())}");
            await Task.Delay(200);
        }
    }

    internal static async Task Stop(Process server)
    {
        using (var kill = Process.Start("kill", ["-TERM", server.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill!.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await server.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, server.ExitCode);
    }

    /// <summary>The runs so far, or none while the server holds the warehouse open (a poll then tries again).</summary>
    internal static List<string[]> RunsNow(string warehouse)
    {
        try
        {
            return File.Exists(warehouse) ? Runs(warehouse) : [];
        }
        catch (DuckDBException)
        {
            return [];
        }
    }

    internal static List<string[]> Runs(string warehouse)
    {
        using var connection = new DuckDBConnection($"Data Source={warehouse};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "select job, status, coalesce(message, ''), strftime(started_at, '%Y-%m-%d %H:%M:%S.%f'), coalesce(strftime(finished_at, '%Y-%m-%d %H:%M:%S.%f'), '') from ops.runs order by run_id";
        using var reader = command.ExecuteReader();
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)]);
        }

        return rows;
    }

    [Fact]
    public async Task Serve_InboxScheduleFires_TransformAndPublishFollowDashboardAnswersStopsCleanly()
    {
        var server = Start(Config("  scan_inbox: \"*/2 * * * * *\""));
        var port = await PortOf(server, _log);
        using var http = new HttpClient();
        await WaitFor(() => { try { return http.GetStringAsync($"http://127.0.0.1:{port}/healthz").Result == "ok"; } catch (AggregateException) { return false; } }, "the server to answer");
        var dashboard = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/hangfire"));
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("ResearchPipeline jobs", await dashboard.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(_dir, "inbox", "2019.csv"), Ratings("2019"));
        await WaitFor(() => File.Exists(Path.Combine(_dir, "warehouse", "published", "snapshot.duckdb")), "scan → transform → publish", detail: () => "server said: " + string.Join(" / ", _log));
        await Stop(server);

        var runs = Runs(Warehouse);
        string[] chain = ["scan_inbox", "transform", "publish"];
        var done = runs.Where(r => r[1] == "succeeded").Select(r => r[0]).ToList();
        Assert.True(chain.All(done.Contains), string.Join(" / ", runs.Select(r => string.Join(' ', r))));
        Assert.True(done.IndexOf("transform") > done.IndexOf("scan_inbox") && done.IndexOf("publish") > done.IndexOf("transform"));
        Assert.DoesNotContain(runs, r => r[1] == "running"); // the stop let every started job finish its step
        Assert.True(File.Exists(Path.Combine(_dir, "inbox", "processed", "2019.csv")));
    }

    [Fact]
    public async Task Serve_JsonLogs_EveryLineJsonAndEveryJobLineCarriesItsJobId()
    {
        var server = Start(Config("  scan_inbox: \"*/2 * * * * *\""), null, "--log-format", "json");
        await PortOf(server, _log); // the banner's line, as JSON, still names the dashboard's address
        File.WriteAllText(Path.Combine(_dir, "inbox", "2019.csv"), Ratings("2019"));
        await WaitFor(() => File.Exists(Path.Combine(_dir, "warehouse", "published", "snapshot.duckdb")), "scan → transform → publish", detail: () => "server said: " + string.Join(" / ", _log));
        await Stop(server);

        var lines = _log.Where(l => l.Length > 0 && !l.StartsWith("! ", StringComparison.Ordinal)).ToList();
        var jobLines = new List<(string Job, string JobId, string Message)>();
        foreach (var line in lines)
        {
            using var json = System.Text.Json.JsonDocument.Parse(line); // every line is one JSON object
            var root = json.RootElement;
            Assert.True(root.TryGetProperty("Timestamp", out _) && root.TryGetProperty("LogLevel", out _) && root.TryGetProperty("Category", out _), line);
            if (root.GetProperty("Category").GetString() == "ResearchPipeline.Jobs.Serve.JobLog" && root.GetProperty("State").TryGetProperty("JobId", out var id))
            {
                jobLines.Add((root.GetProperty("State").GetProperty("Job").GetString()!, id.GetString()!, root.GetProperty("Message").GetString()!));
            }
        }

        // Each job's lines: its start and what its command said, all with one Hangfire job id.
        foreach (var job in new[] { "scan_inbox", "transform", "publish" })
        {
            var mine = jobLines.Where(l => l.Job == job).ToList();
            Assert.True(mine.Count >= 2, job + ": " + string.Join(" / ", lines));
            Assert.Contains(mine, l => l.Message.EndsWith(": started", StringComparison.Ordinal));
            Assert.All(mine, l => Assert.Matches(@"^\d+$", l.JobId));
        }

        Assert.Contains(jobLines, l => l.Job == "scan_inbox" && l.Message.Contains("2019.csv", StringComparison.Ordinal));
        Assert.NotEqual(jobLines.First(l => l.Job == "scan_inbox").JobId, jobLines.First(l => l.Job == "transform").JobId);
    }

    [Fact]
    public async Task Serve_WhileAnotherJobHoldsTheWriterLock_ScheduledRunsAreSkippedAndRecordedNotQueued()
    {
        RpCli.Ok("init", "--config", Config(""));
        File.WriteAllText(Path.Combine(_dir, "inbox", "2019.csv"), Ratings("2019"));
        var held = WriterLock.TryAcquire(Warehouse, "a long job", TimeProvider.System, out _);
        Assert.NotNull(held);
        var server = Start(Config("  scan_inbox: \"*/1 * * * * *\""));
        await WaitFor(() => RunsNow(Warehouse).Count(r => r[0] == "scan_inbox" && r[1] == "skipped") >= 2, "two scheduled scans skipped while the lock is held",
            detail: () => "server said: " + string.Join(" / ", _log));
        Assert.True(File.Exists(Path.Combine(_dir, "inbox", "2019.csv")), "nothing ran while the lock was held");
        held!.Dispose();
        await WaitFor(() => File.Exists(Path.Combine(_dir, "inbox", "processed", "2019.csv")), "the scan after the lock was released", detail: () => "server said: " + string.Join(" / ", _log));
        await WaitFor(() => RunsNow(Warehouse).Any(r => r[0] == "publish" && r[1] != "running"), "the transform and publish continuations",
            detail: () => "server said: " + string.Join(" / ", _log));
        await Stop(server);

        var runs = Runs(Warehouse);
        var skipped = runs.Where(r => r[0] == "scan_inbox" && r[1] == "skipped").ToList();
        Assert.True(skipped.Count >= 2, $"{skipped.Count} skipped scans recorded");
        Assert.All(skipped, r => Assert.StartsWith("skipped: the warehouse was being written by", r[2], StringComparison.Ordinal));
        Assert.Single(runs, r => r[0] == "scan_inbox" && r[1] == "succeeded" && r[2].Contains("Inbox: 1 file(s) landed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Serve_RemoteDashboard_OnlyWithTheConfiguredCredentials()
    {
        var config = Config("", "");
        File.AppendAllText(config, "  remote: true\n  user_env: RP_TEST_DASH_USER\n  password_env: RP_TEST_DASH_PASSWORD\n");
        var port = await PortOf(Start(config, new Dictionary<string, string> { ["RP_TEST_DASH_USER"] = "hub", ["RP_TEST_DASH_PASSWORD"] = "s3cret-board" }), _log);
        using var http = new HttpClient();
        await WaitFor(() => { try { return http.GetStringAsync($"http://127.0.0.1:{port}/healthz").Result == "ok"; } catch (AggregateException) { return false; } }, "the server to answer");
        var anonymous = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/hangfire"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/hangfire");
        wrong.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String("hub:guess"u8.ToArray()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrong)).StatusCode);
        using var right = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/hangfire");
        right.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String("hub:s3cret-board"u8.ToArray()));
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(right)).StatusCode);
        await Stop(_servers[0]);
    }

    [Fact]
    public async Task Serve_TransformFails_FailureRecordedAndNothingPublished()
    {
        var config = Config("");
        RpCli.Ok("init", "--config", config);
        File.WriteAllText(Path.Combine(_dir, "r.csv"), Ratings("2019"));
        RpCli.Ok("ingest", Path.Combine(_dir, "r.csv"), "--config", config);
        using (var connection = new DuckDBConnection($"Data Source={Warehouse}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "update core.ratings set rated_at = timestamp '2024-01-01' where dimension_code = '3'"; // a rating outside its wave's dates
            command.ExecuteNonQuery();
        }

        var server = Start(Config("  transform: \"*/2 * * * * *\""));
        // This test's own polling opens the warehouse, so a scheduled transform may now and then fail to open it (and say so);
        // what is awaited is the failure the data tests cause.
        static bool FailedOnTheDataTests(string[] r) =>
            r[0] == "transform" && r[1] == "failed" && r[2].Contains("an error-level data test failed", StringComparison.Ordinal);
        await WaitFor(() => { try { return Runs(Warehouse).Any(FailedOnTheDataTests); } catch (DuckDBException) { return false; } },
            "a transform failed by the data tests", detail: () => "server said: " + string.Join(" / ", _log));
        await Stop(server);
        Assert.Contains(Runs(Warehouse), FailedOnTheDataTests);
        Assert.False(File.Exists(Path.Combine(_dir, "warehouse", "published", "snapshot.duckdb")));
    }
}
