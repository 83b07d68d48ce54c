using ResearchPipeline.Jobs.Config;
using ResearchPipeline.Models;
using ResearchPipeline.TestSupport;

namespace ResearchPipeline.Jobs.Tests.Config;

/// <summary>Every file a user writes is read strictly: a typo is refused with file, line and a suggestion before anything runs.</summary>
public sealed class StrictConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rp-conf-" + Guid.NewGuid().ToString("N")[..10])).FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A REDCap source that is right in every key, to which a test adds the one it is about.</summary>
    private const string RedcapSource = """
        sources:
          - name: s
            kind: redcap
            base_url: https://redcap.example.edu/api/
            token_env: T
            mapping: m.mapping.yaml
        """;

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Run_ConfigKeyWarehousMisspelt_RefusedBeforeAnythingRunsAndNothingPublished()
    {
        // A one-letter typo used to leave the warehouse at its default: rp run then published an empty snapshot over
        // the real one, and said every step succeeded.
        var config = Write("pipeline.yaml", "warehous: data/pipeline.duckdb\npublish_to: published\n");
        var (code, output, error) = RpCli.Run("run", "--config", config);
        Assert.Equal(2, code);
        Assert.Equal("rp: pipeline.yaml: line 1, warehous: unknown key \"warehous\"; did you mean \"warehouse\"?", error.Split(Environment.NewLine)[0].Split(" (known here")[0]);
        Assert.Equal("", output);
        Assert.False(Directory.Exists(Path.Combine(_dir, "warehouse")));
        Assert.False(Directory.Exists(Path.Combine(_dir, "published")));
    }

    [Fact]
    public void Load_MisspeltKeysEverywhere_EveryProblemListedWithLineAndSuggestion()
    {
        var mapping = Write("m.mapping.yaml", "network: ilead\nframework: ilead-dp-2018\n");
        var config = Write("pipeline.yaml", """
            warehouse: w.duckdb
            schedule:
              pull: "0 2 * * *"
            dashbord: { port: 5080 }
            inbox:
              - path: inbox
                maping: m.mapping.yaml

            """ + RedcapSource + "\n    max_attemps: 3\n");
        var ex = Assert.Throws<PipelineInputException>(() => PipelineConfig.Load(config));
        var lines = ex.Message.Split(Environment.NewLine);
        Assert.Equal("pipeline.yaml: 4 problems in the config file; nothing ran.", lines[0]);
        Assert.StartsWith("  line 2, schedule: unknown key \"schedule\"; did you mean \"schedules\"?", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("  line 4, dashbord: unknown key \"dashbord\"; did you mean \"dashboard\"?", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("  line 7, inbox[0].maping: unknown key \"maping\"; did you mean \"mapping\"?", lines[3], StringComparison.Ordinal);
        Assert.StartsWith("  line 14, sources[0].max_attemps: unknown key \"max_attemps\"; did you mean \"max_attempts\"?", lines[4], StringComparison.Ordinal);
        Assert.True(File.Exists(mapping));
    }

    [Theory]
    [InlineData("schedules:\n  pull: \"0 25 * * *\"\n", "line 2, schedules.pull: \"0 25 * * *\" is not a cron expression")]
    [InlineData("schedules:\n  pull: \"0 2 * *\"\n", "it has 4 field(s)")]
    [InlineData("schedules:\n  pulll: \"0 2 * * *\"\n", "unknown key \"pulll\"; did you mean \"pull\"?")]
    [InlineData("min_cell_size: 0\n", "line 1, min_cell_size: \"0\" must be a whole number from 1 to 1000")]
    [InlineData("dashboard:\n  port: 70000\n", "dashboard.port: \"70000\" must be a whole number from 0 to 65535")]
    [InlineData("jobs_storage: postgress\n", "\"postgress\" is not one of inmemory, postgres; did you mean \"postgres\"?")]
    [InlineData("time_zone: Mars/Olympus\n", "\"Mars/Olympus\" is not a time zone")]
    public void Load_BadValue_RefusedWithWhereAndWhy(string yaml, string expected)
    {
        var ex = Assert.Throws<PipelineInputException>(() => PipelineConfig.Load(Write("pipeline.yaml", yaml)));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("retry_base_delay_ms: abc", "sources[0].retry_base_delay_ms: \"abc\" must be a whole number from 0 to 600000")]
    [InlineData("max_attempts: 0", "sources[0].max_attempts: \"0\" must be a whole number from 1 to 20")]
    [InlineData("timeout_seconds: -1", "sources[0].timeout_seconds: \"-1\" must be a number from 0.1 to 3600")]
    [InlineData("batch_size: lots", "sources[0].batch_size: \"lots\" must be a whole number from 1 to 10000")]
    [InlineData("server_time_zone: America/Chicagoo", "sources[0].server_time_zone: \"America/Chicagoo\" is not a time zone: give the REDCap server's IANA zone, such as America/Chicago")]
    [InlineData("export_timeout_minutes: 0", "sources[0].export_timeout_minutes: \"0\" must be a number from 0.01 to 1440")]
    [InlineData("poll_interval_seconds: often", "sources[0].poll_interval_seconds: \"often\" must be a number from 0.01 to 600")]
    public void Load_BadSourceValue_RefusedInsteadOfIgnoredOrCrashingLater(string line, string expected)
    {
        Write("m.mapping.yaml", "network: ilead\n");
        var config = Write("pipeline.yaml", RedcapSource + $"\n    {line}\n");
        var ex = Assert.Throws<PipelineInputException>(() => PipelineConfig.Load(config));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SixFieldCronAndZone_Accepted()
    {
        var config = PipelineConfig.Load(Write("pipeline.yaml", "schedules:\n  scan_inbox: \"*/5 * * * * *\"\n  run: \"0 2 * * *\"\ntime_zone: America/Chicago\n"));
        Assert.Equal("*/5 * * * * *", config.Serve.Schedules["scan_inbox"]);
        Assert.Equal("America/Chicago", config.Serve.TimeZone);
    }

    [Fact]
    public void Load_SharedPlotly_ReadAsTrueOrFalse()
    {
        Assert.True(PipelineConfig.Load(Write("shared.yaml", "shared_plotly: true\n")).SharedPlotly);
        Assert.False(PipelineConfig.Load(Write("own.yaml", "min_cell_size: 5\n")).SharedPlotly);
    }

    [Fact]
    public void Load_EmptyConfig_AllDefaults() =>
        Assert.Equal(5, PipelineConfig.Load(Write("pipeline.yaml", "# defaults\n")).MinCellSize);

    [Fact]
    public void Ingest_MappingWithUnknownKey_RefusedWithSuggestion()
    {
        var warehouse = Path.Combine(_dir, "w.duckdb");
        RpCli.Ok("init", "--warehouse", warehouse);
        var mapping = Write("m.mapping.yaml", File.ReadAllText(Path.Combine(Repository.Samples, "surveys", "qualtrics-ilead-2022.mapping.yaml")) + "dimension: by-question-text\n");
        var (code, _, error) = RpCli.Run("ingest", Path.Combine(Repository.Samples, "surveys", "qualtrics-ilead-2022.csv"), "--mapping", mapping, "--warehouse", warehouse);
        Assert.Equal(2, code);
        Assert.Contains("m.mapping.yaml: line ", error, StringComparison.Ordinal);
        Assert.Contains("dimension: unknown key \"dimension\"; did you mean \"dimensions\"?", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportPaper_SpecKeyTabelsMisspelt_RefusedWithSuggestion()
    {
        var spec = Write("paper.yaml", "name: p\nframework: ilead-dp-2018\nfigures: [transitions]\ntabels: [benchmarks]\n");
        var (code, _, error) = RpCli.Run("report", "paper", "--spec", spec, "--warehouse", Path.Combine(_dir, "w.duckdb"));
        Assert.Equal(2, code);
        Assert.StartsWith("rp: paper.yaml: line 4, tabels: unknown key \"tabels\"; did you mean \"tables\"?", error, StringComparison.Ordinal);
    }
}
