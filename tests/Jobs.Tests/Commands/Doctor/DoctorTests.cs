using ResearchPipeline.TestSupport;
using ResearchPipeline.TestSupport.Fakes;

namespace ResearchPipeline.Jobs.Tests.Commands.Doctor;

/// <summary>
/// rp doctor against a good set-up (a Qualtrics and a REDCap source on fake servers that follow the published API,
/// an inbox with its mapping, schedules in a zone) and against the same set-up broken in each way a hub analyst breaks
/// one: every check one line, exit 1 when any fails, the token never printed.
/// </summary>
public sealed class DoctorTests : IDisposable
{
    private const string RedcapToken = "5C4B3A29181706F5E4D3C2B1A0918273";
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rp-doctor-" + Guid.NewGuid().ToString("N")[..10])).FullName;
    private readonly string _qualtricsEnv = "RP_TEST_DQ_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private readonly string _redcapEnv = "RP_TEST_DR_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private readonly string _qualtricsToken = "qx-secret-" + Guid.NewGuid().ToString("N");
    private readonly FakeQualtricsServer _qualtrics;
    private readonly FakeRedcapServer _redcap;

    public DoctorTests()
    {
        _qualtrics = FakeQualtricsServer.FromExport(_qualtricsToken, "SV_test", Path.Combine(Repository.Samples, "surveys", "qualtrics-ilead-2022.csv"), 1);
        var project = Path.Combine(Repository.Samples, "real", "redcap-longitudinal");
        _redcap = FakeRedcapServer.FromProject(RedcapToken, project, new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc));
        File.Copy(Path.Combine(Repository.Samples, "surveys", "qualtrics-ilead-2022.mapping.yaml"), Path.Combine(_dir, "survey.mapping.yaml"));
        File.Copy(Path.Combine(project, "mapping.yaml"), Path.Combine(_dir, "redcap.mapping.yaml"));
        Directory.CreateDirectory(Path.Combine(_dir, "inbox"));
        File.WriteAllText(Path.Combine(_dir, "inbox", "waiting.csv"), "x\n");
        WriteConfig(_qualtrics.BaseUrl.ToString());
        Environment.SetEnvironmentVariable(_qualtricsEnv, _qualtricsToken);
        Environment.SetEnvironmentVariable(_redcapEnv, RedcapToken);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_qualtricsEnv, null);
        Environment.SetEnvironmentVariable(_redcapEnv, null);
        _qualtrics.Dispose();
        _redcap.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private string Config => Path.Combine(_dir, "pipeline.yaml");

    private void WriteConfig(string qualtricsUrl, string surveyId = "SV_test", string inbox = "inbox") =>
        File.WriteAllText(Config, $"""
            warehouse: warehouse/pipeline.duckdb
            time_zone: America/Chicago
            schedules:
              run: "0 2 * * *"
            sources:
              - name: dp-survey
                kind: qualtrics
                base_url: {qualtricsUrl}
                survey_id: {surveyId}
                token_env: {_qualtricsEnv}
                mapping: survey.mapping.yaml
              - name: dp-redcap
                kind: redcap
                base_url: {new Uri(_redcap.BaseUrl, "api/")}
                token_env: {_redcapEnv}
                mapping: redcap.mapping.yaml
            inbox:
              - path: {inbox}
                mapping: survey.mapping.yaml
            """);

    private static Dictionary<string, string> Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.Length > 6 && l[4..6] == "  " && l.Contains(": ", StringComparison.Ordinal))
            .ToDictionary(l => l[6..l.IndexOf(": ", StringComparison.Ordinal)], l => l);

    [Fact]
    public void Doctor_GoodSetUp_EveryCheckOk()
    {
        RpCli.Ok("init", "--config", Config);
        var output = RpCli.Ok("doctor", "--config", Config);
        var lines = Lines(output);
        Assert.All(lines.Values, l => Assert.StartsWith("ok  ", l, StringComparison.Ordinal));
        Assert.Equal(
            ["config", "warehouse", "publish_to", "reports_out", "pseudonym key", "key fingerprint", "writer lock", "job storage", "source dp-survey", "source dp-redcap", $"inbox {Path.Combine(_dir, "inbox")}", "schedule run"],
            lines.Keys);
        Assert.Contains("(mode 0600)", lines["pseudonym key"], StringComparison.Ordinal);
        Assert.Contains("the one the warehouse's raters were pseudonymized with", lines["key fingerprint"], StringComparison.Ordinal);
        Assert.Contains("answers with the token from $" + _qualtricsEnv + ": survey \"iLEAD self-assessment\"", lines["source dp-survey"], StringComparison.Ordinal);
        Assert.Contains("project \"iLEAD self-assessment\"", lines["source dp-redcap"], StringComparison.Ordinal);
        Assert.Contains("1 file(s) waiting, mapping survey.mapping.yaml loads", lines[$"inbox {Path.Combine(_dir, "inbox")}"], StringComparison.Ordinal);

        // The next three 02:00 in Chicago, computed here from the clock and the zone.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        var local = TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), zone);
        var first = local.Date.AddHours(2) > local.DateTime ? local.Date.AddHours(2) : local.Date.AddDays(1).AddHours(2);
        Assert.Contains($"\"0 2 * * *\" next at {first:yyyy-MM-dd HH:mm}, {first.AddDays(1):yyyy-MM-dd HH:mm}, {first.AddDays(2):yyyy-MM-dd HH:mm} (America/Chicago)", lines["schedule run"], StringComparison.Ordinal);
        Assert.EndsWith("All 12 checks passed.\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain(_qualtricsToken, output, StringComparison.Ordinal);
        Assert.DoesNotContain(RedcapToken, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Doctor_BrokenSetUp_EachProblemItsLineAndExit1()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // file modes are a Unix check; the suite runs on Linux
        }

        RpCli.Ok("init", "--config", Config);
        var key = Path.Combine(_dir, "warehouse", "pipeline.duckdb.key");
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        WriteConfig(_qualtrics.BaseUrl.ToString(), surveyId: "SV_typo", inbox: "inbox-missing");
        Environment.SetEnvironmentVariable(_redcapEnv, "0000WRONG0000WRONG0000WRONG00000");
        using (var held = ResearchPipeline.Warehouse.Runs.WriterLock.TryAcquire(Path.Combine(_dir, "warehouse", "pipeline.duckdb"), "rp serve nightly", TimeProvider.System, out _))
        {
            var (code, output, _) = RpCli.Run("doctor", "--config", Config);
            Assert.Equal(1, code);
            var lines = Lines(output);
            Assert.Equal($"FAIL  pseudonym key: {key} can be read by others (mode 0644): chmod 600 {key}", lines["pseudonym key"]);
            Assert.StartsWith("warn  writer lock: held by ", lines["writer lock"], StringComparison.Ordinal);
            Assert.Contains("FAIL  source dp-survey: qualtrics at", lines["source dp-survey"], StringComparison.Ordinal);
            Assert.EndsWith("HTTP 404: the server said \"Resource not found. [RCE_1]\" (request id 2b7d9e41-6c0a-4f83-b5d2-8e1a3c7f9b60). Is survey_id SV_typo right, and shared with the token's user?", lines["source dp-survey"], StringComparison.Ordinal);
            Assert.EndsWith("HTTP 403: the server said \"You do not have permissions to use the API\". Is the token the right one, with API rights?", lines["source dp-redcap"], StringComparison.Ordinal);
            Assert.Equal($"FAIL  inbox {Path.Combine(_dir, "inbox-missing")}: the folder does not exist", lines[$"inbox {Path.Combine(_dir, "inbox-missing")}"]);
            Assert.EndsWith("4 of 12 checks failed.\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        }

        // A token variable not set; a server that does not answer; another key than the warehouse's.
        Environment.SetEnvironmentVariable(_redcapEnv, null);
        WriteConfig("http://127.0.0.1:1/");
        var otherKey = "RP_TEST_KEY_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        File.AppendAllText(Config, $"\npseudonym_key_env: {otherKey}\n");
        Environment.SetEnvironmentVariable(otherKey, "another-key-0123456789abcdef");
        try
        {
            var (code, output, _) = RpCli.Run("doctor", "--config", Config);
            Assert.Equal(1, code);
            var lines = Lines(output);
            Assert.Equal($"FAIL  source dp-redcap: the environment variable {_redcapEnv} is not set; put the redcap API token in it", lines["source dp-redcap"]);
            Assert.StartsWith("FAIL  source dp-survey: qualtrics at http://127.0.0.1:1/: http://127.0.0.1:1/ cannot be reached", lines["source dp-survey"], StringComparison.Ordinal);
            Assert.StartsWith("FAIL  key fingerprint: the key in use (", lines["key fingerprint"], StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(otherKey, null);
        }
    }

    [Fact]
    public void Doctor_NoWarehouseAndAConfigTypo_OneLineEach()
    {
        var (code, output, _) = RpCli.Run("doctor", "--config", Config);
        Assert.Equal(1, code);
        Assert.Equal($"FAIL  warehouse: {Path.Combine(_dir, "warehouse", "pipeline.duckdb")} does not exist: run rp init with this config to create it", Lines(output)["warehouse"]);

        File.WriteAllText(Config, "warehous: w.duckdb\n");
        (code, output, _) = RpCli.Run("doctor", "--config", Config);
        Assert.Equal(1, code);
        Assert.StartsWith("FAIL  config: ", output, StringComparison.Ordinal);
        Assert.Contains("warehous", output, StringComparison.Ordinal);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Doctor_PostgresStorageUnreachable_Fails()
    {
        var env = "RP_TEST_PGC_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        File.WriteAllText(Config, $"jobs_storage: postgres\nconnection_env: {env}\n");
        var (code, output, _) = RpCli.Run("doctor", "--config", Config);
        Assert.Equal(1, code);
        Assert.Equal($"FAIL  job storage: postgres: the environment variable {env} is not set; put the PostgreSQL connection string in it", Lines(output)["job storage"]);

        Environment.SetEnvironmentVariable(env, "Host=127.0.0.1;Port=1;Username=x;Password=y;Database=z");
        try
        {
            (code, output, _) = RpCli.Run("doctor", "--config", Config);
            Assert.StartsWith($"FAIL  job storage: postgres (from ${env}) cannot be reached: ", Lines(output)["job storage"], StringComparison.Ordinal);
            Assert.DoesNotContain("Password=y", output, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(env, null);
        }
    }

    [Fact]
    [Trait(TestCategory.Trait, TestCategory.Postgres)]
    public void Doctor_PostgresStorageReachable_NamesTheServer()
    {
        var connection = Environment.GetEnvironmentVariable("RP_TEST_PG") ?? throw new InvalidOperationException("RP_TEST_PG is not set: .ci/test.sh sets it after starting PostgreSQL.");
        var env = "RP_TEST_PGC_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        File.WriteAllText(Config, $"jobs_storage: postgres\nconnection_env: {env}\n");
        Environment.SetEnvironmentVariable(env, connection);
        try
        {
            var line = Lines(RpCli.Run("doctor", "--config", Config).Out)["job storage"];
            Assert.Matches(@"^ok    job storage: PostgreSQL \d+[.\d]* .* at 127\.0\.0\.1:5432, database postgres \(from \$" + env + @"\)$", line);
        }
        finally
        {
            Environment.SetEnvironmentVariable(env, null);
        }
    }
}
