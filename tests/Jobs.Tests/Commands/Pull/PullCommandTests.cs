using ResearchPipeline.TestSupport;
using ResearchPipeline.TestSupport.Fakes;

namespace ResearchPipeline.Jobs.Tests.Commands.Pull;

/// <summary>rp pull with a pipeline config, against the fake Qualtrics server on 127.0.0.1.</summary>
public sealed class PullCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rp-pull-" + Guid.NewGuid().ToString("N")[..10])).FullName;
    private readonly string _tokenEnv = "RP_TEST_QX_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private readonly string _token = "qx-secret-" + Guid.NewGuid().ToString("N");
    private readonly FakeQualtricsServer _server;

    public PullCommandTests()
    {
        _server = FakeQualtricsServer.FromExport(_token, "SV_test", Path.Combine(Repository.Samples, "surveys", "qualtrics-ilead-2022.csv"), 10);

        File.Copy(Path.Combine(Repository.Samples, "surveys", "qualtrics-ilead-2022.mapping.yaml"), Path.Combine(_dir, "survey.mapping.yaml"));
        File.WriteAllText(Path.Combine(_dir, "pipeline.yaml"), $"""
            warehouse: warehouse/pipeline.duckdb
            sources:
              - name: dp-annual-survey
                kind: qualtrics
                base_url: {_server.BaseUrl}
                survey_id: SV_test
                token_env: {_tokenEnv}
                mapping: survey.mapping.yaml
                timeout_seconds: 120
                retry_base_delay_ms: 10
                poll_interval_seconds: 0.05
            """);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_tokenEnv, null);
        _server.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private string Config => Path.Combine(_dir, "pipeline.yaml");

    [Fact]
    public void Pull_ConfiguredSource_ReportsFetchedLoadedAndWatermarkAndNeverTheToken()
    {
        RpCli.Ok("init", "--config", Config);
        var (missing, _, error) = RpCli.Run("pull", "--config", Config);
        Assert.Equal(2, missing);
        Assert.StartsWith($"rp: dp-annual-survey: the environment variable {_tokenEnv} is not set", error, StringComparison.Ordinal);

        Environment.SetEnvironmentVariable(_tokenEnv, _token);
        _server.Inject(FakeHttpServer.FaultKind.ServerError, "GET progress");
        var output = RpCli.Ok("pull", "--config", Config);
        Assert.Contains("dp-annual-survey (qualtrics): fetched 10 response(s); batch 1: read 240, loaded ", output, StringComparison.Ordinal);
        Assert.Contains("; watermark (none) → continuation:CT_ES_000001", output, StringComparison.Ordinal);
        Assert.Contains("; 5 HTTP attempt(s)", output, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.Combine(_dir, "warehouse", "landing", "dp-annual-survey")));

        var again = RpCli.Ok("pull", "--source", "dp-annual-survey", "--config", Config);
        Assert.Contains("dp-annual-survey (qualtrics): fetched ", again, StringComparison.Ordinal);
        Assert.DoesNotContain("loaded 1", again, StringComparison.Ordinal);

        var (unknown, _, unknownError) = RpCli.Run("pull", "--source", "nope", "--config", Config);
        Assert.Equal(2, unknown);
        Assert.Contains("--source nope: no such source in the config (sources: dp-annual-survey)", unknownError, StringComparison.Ordinal);
        foreach (var text in new[] { output, again, error, unknownError })
        {
            Assert.DoesNotContain(_token, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Config_BadSource_EveryProblemListed()
    {
        File.WriteAllText(Config, """
            sources:
              - name: ../escape
                kind: ftp
                base_url: not a url
                mapping: nowhere.yaml
            """);
        var (code, _, error) = RpCli.Run("pull", "--config", Config);
        Assert.Equal(2, code);
        Assert.Contains("line 2, sources[0].name: \"../escape\" is not a plain name", error, StringComparison.Ordinal);
        Assert.Contains("line 3, sources[0].kind: \"ftp\" is not one of qualtrics, redcap", error, StringComparison.Ordinal);
        Assert.Contains("line 4, sources[0].base_url: \"not a url\" is not an http(s) address", error, StringComparison.Ordinal);
        Assert.Contains("sources[0].token_env: is missing", error, StringComparison.Ordinal);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Pull_MaxAttemptsOne_FailsOnceWithoutRetryInsteadOfCrashing()
    {
        // Polly's retry strategy refuses zero retries: max_attempts: 1 used to crash rp pull with a stack trace.
        File.WriteAllText(Config, File.ReadAllText(Config) + "\n    max_attempts: 1\n");
        RpCli.Ok("init", "--config", Config);
        Environment.SetEnvironmentVariable(_tokenEnv, _token);
        _server.Inject(FakeHttpServer.FaultKind.ServerError, "GET progress");
        var (code, output, error) = RpCli.Run("pull", "--config", Config);
        Assert.True(code == 1, output + error);
        Assert.Contains("dp-annual-survey: FAILED: ", output, StringComparison.Ordinal);
        Assert.Contains("1 attempt", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
    }
}
