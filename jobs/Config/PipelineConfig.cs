using System.Globalization;
using System.Text.RegularExpressions;
using ResearchPipeline.Ingest.Api;
using ResearchPipeline.Models;
using YamlDotNet.RepresentationModel;

namespace ResearchPipeline.Jobs.Config;

/// <summary>The pipeline config (spec section 7). Relative paths resolve against the config file's folder.</summary>
public sealed partial record PipelineConfig(
    string Warehouse,
    string PublishTo,
    string ReportsOut,
    int MinCellSize,
    string PseudonymKeyEnv)
{
    /// <summary>API sources to pull (spec section 7, <c>sources:</c>).</summary>
    public IReadOnlyList<ApiSource> Sources { get; init; } = [];

    /// <summary>Schedules, job storage and dashboard of rp serve.</summary>
    public ServeSettings Serve { get; init; } = ServeSettings.Default;

    /// <summary>Inbox folders scanned for new survey and spreadsheet files (spec section 7, <c>inbox:</c>).</summary>
    public IReadOnlyList<InboxFolder> Inbox { get; init; } = [];

    /// <summary>Where pulled files are kept (the archived source files): a folder per source beside the warehouse.</summary>
    public string LandingFolder => Path.Combine(Path.GetDirectoryName(Warehouse)!, "landing");

    public static PipelineConfig Defaults(string baseDirectory) => new(
        Path.Combine(baseDirectory, "warehouse", "pipeline.duckdb"),
        Path.Combine(baseDirectory, "warehouse", "published"),
        Path.Combine(baseDirectory, "reports-out"),
        5,
        "RP_PSEUDONYM_KEY");

    /// <summary>Reads the config; every problem found is listed in one refusal.</summary>
    public static PipelineConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new PipelineInputException($"{path}: config file not found.");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var config = Defaults(folder);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(File.ReadAllText(path)));
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new PipelineInputException($"{path} line {ex.Start.Line}: not valid YAML: {ex.Message}", ex);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return config;
        }

        var problems = new List<string>();
        string? Get(string key) => root.Children.TryGetValue(new YamlScalarNode(key), out var v) ? (v as YamlScalarNode)?.Value : null;
        string Resolve(string p) => Path.GetFullPath(Path.Combine(folder, p));
        if (Get("warehouse") is { } wh)
        {
            config = config with { Warehouse = Resolve(wh) };
        }

        if (Get("publish_to") is { } pub)
        {
            config = config with { PublishTo = Resolve(pub) };
        }

        if (Get("reports_out") is { } ro)
        {
            config = config with { ReportsOut = Resolve(ro) };
        }

        if (Get("pseudonym_key_env") is { } env)
        {
            config = config with { PseudonymKeyEnv = env };
        }

        if (Get("min_cell_size") is { } min)
        {
            if (int.TryParse(min, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1)
            {
                config = config with { MinCellSize = n };
            }
            else
            {
                problems.Add($"min_cell_size: \"{min}\" must be a whole number of at least 1");
            }
        }

        config = config with { Serve = ReadServe(root, Get, problems) };
        if (root.Children.TryGetValue(new YamlScalarNode("inbox"), out var inboxNode))
        {
            config = config with { Inbox = ReadInbox(inboxNode, Resolve, problems) };
        }

        if (root.Children.TryGetValue(new YamlScalarNode("sources"), out var sourcesNode))
        {
            config = config with { Sources = ReadSources(sourcesNode, Resolve, problems) };
        }

        if (problems.Count > 0)
        {
            throw new PipelineInputException($"{path}: {problems.Count} problem(s) in the config:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p)));
        }

        return config;
    }

    private static ServeSettings ReadServe(YamlMappingNode root, Func<string, string?> get, List<string> problems)
    {
        var serve = ServeSettings.Default;
        var schedules = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.Children.TryGetValue(new YamlScalarNode("schedules"), out var node))
        {
            if (node is YamlMappingNode map)
            {
                foreach (var (k, v) in map.Children)
                {
                    var job = (k as YamlScalarNode)?.Value ?? "";
                    var cron = (v as YamlScalarNode)?.Value ?? "";
                    if (!ServeSettings.Jobs.Contains(job))
                    {
                        problems.Add($"schedules: \"{job}\" is not a job (jobs: {string.Join(", ", ServeSettings.Jobs)})");
                    }
                    else if (!IsCron(cron))
                    {
                        problems.Add($"schedules.{job}: \"{cron}\" is not a cron expression (5 fields, or 6 with seconds first)");
                    }
                    else
                    {
                        schedules[job] = cron;
                    }
                }
            }
            else if (node is not YamlScalarNode { Value: null or "" })
            {
                problems.Add("schedules: must be a map of job: cron");
            }
        }

        var zone = get("time_zone") ?? "UTC";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            problems.Add($"time_zone: \"{zone}\" is not a time zone (for example UTC or America/Chicago)");
        }

        var storage = get("jobs_storage") ?? "inmemory";
        if (storage is not ("inmemory" or "postgres"))
        {
            problems.Add($"jobs_storage: \"{storage}\" must be inmemory or postgres");
        }

        var connectionEnv = get("connection_env");
        if (storage == "postgres" && string.IsNullOrWhiteSpace(connectionEnv))
        {
            problems.Add("jobs_storage: postgres needs connection_env: the environment variable that holds the PostgreSQL connection string");
        }

        int port = serve.DashboardPort;
        bool remote = false;
        string? userEnv = null, passwordEnv = null;
        if (root.Children.TryGetValue(new YamlScalarNode("dashboard"), out var dash) && dash is YamlMappingNode d)
        {
            string? D(string key) => d.Children.TryGetValue(new YamlScalarNode(key), out var v) ? (v as YamlScalarNode)?.Value : null;
            if (D("port") is { } p && (!int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out port) || port is < 0 or > 65535))
            {
                problems.Add($"dashboard.port: \"{p}\" is not a port number (0 picks any free port)");
            }

            remote = D("remote") == "true";
            userEnv = D("user_env");
            passwordEnv = D("password_env");
            if (remote && (userEnv is null || passwordEnv is null))
            {
                problems.Add("dashboard.remote: true needs user_env and password_env (the variables holding the dashboard's user name and password)");
            }
        }

        var poll = 15;
        if (get("schedule_poll_seconds") is { } ps && (!int.TryParse(ps, NumberStyles.Integer, CultureInfo.InvariantCulture, out poll) || poll < 1))
        {
            problems.Add($"schedule_poll_seconds: \"{ps}\" must be a whole number of at least 1");
        }

        return new ServeSettings(schedules, zone, storage, connectionEnv, port, remote, userEnv, passwordEnv) { PollSeconds = poll };
    }

    private static bool IsCron(string cron)
    {
        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is not (5 or 6))
        {
            return false;
        }

        // Hangfire parses the expression itself when serve starts; here, the shape and the characters.
        return fields.All(f => f.All(ch => char.IsAsciiLetterOrDigit(ch) || "*/,-?#".Contains(ch, StringComparison.Ordinal)));
    }

    private static List<InboxFolder> ReadInbox(YamlNode node, Func<string, string> resolve, List<string> problems)
    {
        var folders = new List<InboxFolder>();
        if (node is not YamlSequenceNode list)
        {
            problems.Add("inbox: must be a list of folders (- path: …, mapping: …)");
            return folders;
        }

        foreach (var (item, index) in list.Children.Select((c, i) => (c, i)))
        {
            string? Get(string key) => item is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? (v as YamlScalarNode)?.Value : null;
            var path = item is YamlScalarNode scalar ? scalar.Value : Get("path");
            if (string.IsNullOrWhiteSpace(path))
            {
                problems.Add($"inbox[{index}]: path is missing");
                continue;
            }

            var mapping = Get("mapping") is { } m ? resolve(m) : null;
            if (mapping is not null && !File.Exists(mapping))
            {
                problems.Add($"inbox[{index}] ({path}): mapping file {mapping} does not exist");
                continue;
            }

            folders.Add(new InboxFolder(resolve(path), mapping));
        }

        return folders;
    }

    private static List<ApiSource> ReadSources(YamlNode node, Func<string, string> resolve, List<string> problems)
    {
        var sources = new List<ApiSource>();
        if (node is not YamlSequenceNode list)
        {
            problems.Add("sources: must be a list of sources (- name: …, kind: qualtrics | redcap, …)");
            return sources;
        }

        foreach (var (item, index) in list.Children.Select((c, i) => (c, i)))
        {
            if (item is not YamlMappingNode map)
            {
                problems.Add($"sources[{index}]: must be a map with name, kind, base_url, token_env, mapping");
                continue;
            }

            string? Get(string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? (v as YamlScalarNode)?.Value : null;
            var name = Get("name");
            var where = $"sources[{index}]{(name is null ? "" : $" ({name})")}";
            var ok = true;
            void Problem(string text)
            {
                problems.Add($"{where}: {text}");
                ok = false;
            }

            // The name becomes a folder of the landing area: it may not hold a path.
            if (name is null || !SourceName().IsMatch(name))
            {
                Problem("name is missing or not a plain name (lower-case letters, digits, - and _)");
            }

            var kind = Get("kind");
            if (kind is not ("qualtrics" or "redcap"))
            {
                Problem($"kind \"{kind}\" is not a source kind (qualtrics, redcap)");
            }

            if (!Uri.TryCreate(Get("base_url"), UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("https" or "http"))
            {
                Problem($"base_url \"{Get("base_url")}\" is not an http(s) address");
            }

            var tokenEnv = Get("token_env");
            if (string.IsNullOrWhiteSpace(tokenEnv))
            {
                Problem("token_env is missing: the name of the environment variable that holds the API token (never the token itself)");
            }

            var mapping = Get("mapping") is { } m ? resolve(m) : null;
            if (mapping is null || !File.Exists(mapping))
            {
                Problem($"mapping {(mapping is null ? "is missing" : $"file {mapping} does not exist")}");
            }

            if (kind == "qualtrics" && string.IsNullOrWhiteSpace(Get("survey_id")))
            {
                Problem("survey_id is missing (the Qualtrics survey, SV_…)");
            }

            var batch = 100;
            if (Get("batch_size") is { } b && (!int.TryParse(b, NumberStyles.Integer, CultureInfo.InvariantCulture, out batch) || batch < 1))
            {
                Problem($"batch_size \"{b}\" must be a whole number of at least 1");
            }

            var policy = ApiPolicy.Default;
            if (Get("timeout_seconds") is { } t)
            {
                if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
                {
                    policy = policy with { AttemptTimeout = TimeSpan.FromSeconds(seconds) };
                }
                else
                {
                    Problem($"timeout_seconds \"{t}\" must be a positive number");
                }
            }

            if (Get("max_attempts") is { } a)
            {
                if (int.TryParse(a, NumberStyles.Integer, CultureInfo.InvariantCulture, out var attempts) && attempts >= 1)
                {
                    policy = policy with { MaxAttempts = attempts };
                }
                else
                {
                    Problem($"max_attempts \"{a}\" must be a whole number of at least 1");
                }
            }

            if (Get("retry_base_delay_ms") is { } d && int.TryParse(d, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
            {
                policy = policy with { BaseDelay = TimeSpan.FromMilliseconds(ms), PollInterval = TimeSpan.FromMilliseconds(Math.Max(ms, 10)) };
            }

            if (ok)
            {
                sources.Add(new ApiSource(name!, kind!, baseUrl!, tokenEnv!, mapping!, Get("survey_id"), batch, Get("record_id_field") ?? "record_id") { Policy = policy });
            }
        }

        return sources;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex SourceName();
}
