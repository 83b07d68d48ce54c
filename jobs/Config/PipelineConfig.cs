using ResearchPipeline.Ingest.Api;
using ResearchPipeline.Models.Yaml;

namespace ResearchPipeline.Jobs.Config;

/// <summary>The pipeline config. Relative paths resolve against the config file's folder.</summary>
public sealed record PipelineConfig(
    string Warehouse,
    string PublishTo,
    string ReportsOut,
    int MinCellSize,
    string PseudonymKeyEnv)
{
    /// <summary>API sources to pull (<c>sources:</c>).</summary>
    public IReadOnlyList<ApiSource> Sources { get; init; } = [];

    /// <summary>Schedules, job storage and dashboard of rp serve.</summary>
    public ServeSettings Serve { get; init; } = ServeSettings.Default;

    /// <summary>Inbox folders scanned for new survey and spreadsheet files (<c>inbox:</c>).</summary>
    public IReadOnlyList<InboxFolder> Inbox { get; init; } = [];

    /// <summary>Reports link to one plotly.js written beside them (<c>shared_plotly: true</c>) instead of each carrying a copy.</summary>
    public bool SharedPlotly { get; init; }

    /// <summary>Where pulled files are kept (the archived source files): a folder per source beside the warehouse.</summary>
    public string LandingFolder => Path.Combine(Path.GetDirectoryName(Warehouse)!, "landing");

    public static PipelineConfig Defaults(string baseDirectory) => new(
        Path.Combine(baseDirectory, "warehouse", "pipeline.duckdb"),
        Path.Combine(baseDirectory, "warehouse", "published"),
        Path.Combine(baseDirectory, "reports-out"),
        5,
        "RP_PSEUDONYM_KEY");

    /// <summary>The top-level keys of a pipeline config.</summary>
    internal static readonly string[] Keys =
    [
        "warehouse", "publish_to", "reports_out", "min_cell_size", "pseudonym_key_env", "inbox", "sources", "schedules",
        "time_zone", "jobs_storage", "connection_env", "dashboard", "schedule_poll_seconds", "shared_plotly",
    ];

    /// <summary>
    /// Reads the config strictly (one reader for every file a user writes): an unknown key, a bad value or a cron that
    /// does not parse is refused before anything runs, every problem listed with its line.
    /// </summary>
    public static PipelineConfig Load(string path)
    {
        var file = StrictYaml.Load(path, "config file", allowEmpty: true);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var config = Defaults(folder);
        if (file.Root is { } root)
        {
            string Resolve(string p) => Path.GetFullPath(Path.Combine(folder, p));
            root.AllowOnly(Keys);
            config = config with
            {
                Warehouse = root.Text("warehouse") is { } wh ? Resolve(wh) : config.Warehouse,
                PublishTo = root.Text("publish_to") is { } pub ? Resolve(pub) : config.PublishTo,
                ReportsOut = root.Text("reports_out") is { } ro ? Resolve(ro) : config.ReportsOut,
                PseudonymKeyEnv = root.Text("pseudonym_key_env") ?? config.PseudonymKeyEnv,
                SharedPlotly = root.Bool("shared_plotly") ?? false,
                MinCellSize = root.Whole("min_cell_size", 1, 1000, "the smallest number of units a benchmark may show") ?? config.MinCellSize,
                Serve = ServeConfigReader.Read(root),
                Inbox = InboxConfigReader.Read(root, Resolve),
                Sources = SourceConfigReader.Read(root, Resolve),
            };
        }

        file.ThrowIfAny("config file");
        return config;
    }
}
