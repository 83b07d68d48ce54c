using System.Text.Json;
using System.Text.RegularExpressions;
using ResearchPipeline.Jobs.Config;
using ResearchPipeline.TestSupport;

namespace ResearchPipeline.Jobs.Tests.Install;

/// <summary>
/// The container set-up holds together: the image's command is one rp accepts, with the config compose mounts where the
/// command reads it; that config loads (PostgreSQL job storage, a remote dashboard behind credentials); the health check
/// asks the dashboard's port for the health endpoint rp serve answers (ServeTests checks it answers); the warehouse sits
/// in the volume. (No Docker engine runs where the tests run: the image itself is not built here.)
/// </summary>
public sealed partial class ContainerAssetsTests
{
    private static readonly string Dockerfile = File.ReadAllText(Path.Combine(Repository.Root, "Dockerfile"));
    private static readonly string Compose = File.ReadAllText(Path.Combine(Repository.Root, "compose.yaml"));

    [Fact]
    public void ImageCommand_IsOneRpAccepts_WithTheConfigComposeMounts()
    {
        var entrypoint = JsonSerializer.Deserialize<string[]>(Line("ENTRYPOINT"))!;
        Assert.Equal(["dotnet", "/app/ResearchPipeline.Jobs.dll"], entrypoint);
        var command = JsonSerializer.Deserialize<string[]>(Line("CMD"))!;
        Assert.Equal("serve", command[0]);
        var (code, output, error) = RpCli.Run([.. command, "--help"]); // the options parse: unknown ones would be refused
        Assert.True(code == 0 && error.Length == 0, error);
        Assert.Contains("--log-format", output, StringComparison.Ordinal);

        var configPath = command[Array.IndexOf(command, "--config") + 1];
        Assert.Contains($"./examples/docker/pipeline.yaml:{configPath}:ro", Compose, StringComparison.Ordinal);
    }

    [Fact]
    public void ContainerConfig_Loads_AndTheVolumesAndHealthCheckFitIt()
    {
        var config = PipelineConfig.Load(Path.Combine(Repository.Root, "examples", "docker", "pipeline.yaml"));
        Assert.Equal("postgres", config.Serve.JobsStorage);
        Assert.Contains($"RP_JOBS_PG: Host=postgres", Compose, StringComparison.Ordinal);
        Assert.Equal("RP_JOBS_PG", config.Serve.ConnectionEnv);
        Assert.True(config.Serve.DashboardRemote); // published from the container: behind credentials
        Assert.Contains($"{config.Serve.DashboardUserEnv}: ${{{config.Serve.DashboardUserEnv}:?", Compose, StringComparison.Ordinal);

        var warehouseFolder = Path.GetDirectoryName(config.Warehouse)!;
        Assert.Contains($"- warehouse:{warehouseFolder}", Compose, StringComparison.Ordinal);
        Assert.Contains($"VOLUME [\"{warehouseFolder}\"]", Dockerfile, StringComparison.Ordinal);
        Assert.StartsWith(warehouseFolder, config.PublishTo, StringComparison.Ordinal);
        Assert.All(config.Inbox, i => Assert.Contains($":{i.Path}", Compose, StringComparison.Ordinal));

        var health = HealthUrl().Match(Dockerfile);
        Assert.True(health.Success, "HEALTHCHECK");
        Assert.Equal(config.Serve.DashboardPort.ToString(System.Globalization.CultureInfo.InvariantCulture), health.Groups[1].Value);
        Assert.Equal("/healthz", health.Groups[2].Value);
        Assert.Contains($"EXPOSE {config.Serve.DashboardPort}", Dockerfile, StringComparison.Ordinal);
    }

    private static string Line(string instruction) =>
        Dockerfile.Split('\n').Single(l => l.StartsWith(instruction + " ", StringComparison.Ordinal))[(instruction.Length + 1)..];

    [GeneratedRegex(@"HEALTHCHECK .* curl -fsS http://127\.0\.0\.1:(\d+)(/\w+)")]
    private static partial Regex HealthUrl();
}
