using System.Text.Json;
using ResearchPipeline.TestSupport;

namespace ResearchPipeline.Jobs.Tests.Commands.Status;

/// <summary>rp status: the last runs, why the failed ones failed (the real reason, not "see the output"), the last publish, watermarks, quarantine.</summary>
[Trait(TestCategory.Trait, TestCategory.EndToEnd)]
public sealed class StatusCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rp-status-" + Guid.NewGuid().ToString("N")[..10])).FullName;
    private readonly string _tokenEnv = "RP_TEST_STATUS_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_tokenEnv, null);
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Status_AfterAFailedPull_ShowsTheSourceAndTheServersErrorAndTheLastPublish()
    {
        File.Copy(Path.Combine(Repository.Samples, "surveys", "qualtrics-ilead-2022.mapping.yaml"), Path.Combine(_dir, "survey.mapping.yaml"));
        var config = Path.Combine(_dir, "pipeline.yaml");

        // Port 1 on this machine refuses connections: the pull fails the way a server that is down does.
        File.WriteAllText(config, $"""
            warehouse: warehouse/pipeline.duckdb
            sources:
              - name: dp-annual-survey
                kind: qualtrics
                base_url: http://127.0.0.1:1
                survey_id: SV_test
                token_env: {_tokenEnv}
                mapping: survey.mapping.yaml
                max_attempts: 1
                timeout_seconds: 120
            """);
        RpCli.Ok("init", "--config", config);
        RpCli.Ok("ingest", Path.Combine(Repository.Samples, "ilead-ratings.csv"), "--config", config);
        RpCli.Ok("transform", "--config", config);
        RpCli.Ok("publish", "--config", config);
        Environment.SetEnvironmentVariable(_tokenEnv, "secret-token");
        var (code, _, _) = RpCli.Run("pull", "--config", config);
        Assert.Equal(1, code);

        var text = RpCli.Ok("status", "--config", config);
        Assert.Contains("Last publish: ", text, StringComparison.Ordinal);
        Assert.Contains("Recent failures:", text, StringComparison.Ordinal);

        using var json = JsonDocument.Parse(RpCli.Ok("status", "--format", "json", "--config", config));
        var root = json.RootElement;
        var failure = root.GetProperty("failures")[0];
        Assert.Equal("pull", failure.GetProperty("job").GetString());
        var reason = failure.GetProperty("message").GetString()!;
        Assert.StartsWith("1 of 1 source(s) failed: dp-annual-survey: ", reason, StringComparison.Ordinal);
        Assert.Contains("cannot reach the server", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token", reason, StringComparison.Ordinal);
        Assert.True(root.GetProperty("last_publish").GetProperty("ratings").GetInt64() > 1000);
        Assert.Equal(0, root.GetProperty("quarantined_since_publish").GetInt64());
        Assert.Equal(["pull", "publish", "transform", "ingest", "init"], root.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("job").GetString()));
        Assert.Equal(0, root.GetProperty("watermarks").GetArrayLength());
    }
}
