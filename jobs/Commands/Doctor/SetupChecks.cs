using System.Globalization;
using Npgsql;
using ResearchPipeline.Ingest.Api;
using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Ingest.Surveys;
using ResearchPipeline.Jobs.Commands.Ingest;
using ResearchPipeline.Jobs.Config;
using ResearchPipeline.Models;
using ResearchPipeline.Warehouse;
using ResearchPipeline.Warehouse.Runs;

namespace ResearchPipeline.Jobs.Commands.Doctor;

/// <summary>The checks of rp doctor, in the order a set-up is built: config, paths, key, lock, job storage, sources, inbox, schedules.</summary>
public static class SetupChecks
{
    /// <summary>How long an API source or PostgreSQL may take to answer.</summary>
    public static TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public static List<CheckLine> Run(PipelineConfig config, string? configPath, TimeProvider clock)
    {
        var lines = new List<CheckLine>
        {
            configPath is null
                ? new(CheckStatus.Ok, "config", $"none given: the defaults (warehouse {config.Warehouse}); pass --config FILE to check yours")
                : new(CheckStatus.Ok, "config", $"{Path.GetFullPath(configPath)} reads cleanly ({config.Sources.Count} source(s), {config.Inbox.Count} inbox folder(s), {config.Serve.Schedules.Count} schedule(s))"),
            Warehouse(config.Warehouse),
            Folder("publish_to", config.PublishTo),
            Folder("reports_out", config.ReportsOut),
        };
        lines.AddRange(Key(config));
        lines.Add(Lock(config.Warehouse, clock));
        lines.Add(JobStorage(config.Serve));
        lines.AddRange(config.Sources.Select(Source));
        lines.AddRange(config.Inbox.Select(Inbox));
        lines.AddRange(Schedules(config.Serve, clock));
        return lines;
    }

    private static CheckLine Warehouse(string path)
    {
        if (!File.Exists(path))
        {
            return new(CheckStatus.Fail, "warehouse", $"{path} does not exist: run rp init with this config to create it");
        }

        var folder = Path.GetDirectoryName(path)!;
        return CanWrite(folder) is { } problem
            ? new(CheckStatus.Fail, "warehouse", $"{path}: its folder is not writable ({problem})")
            : new(CheckStatus.Ok, "warehouse", $"{path} ({new FileInfo(path).Length / 1048576.0:0.0} MB, folder writable)");
    }

    /// <summary>A folder that is written to: writable if it exists, else creatable under its nearest existing parent.</summary>
    private static CheckLine Folder(string name, string path)
    {
        if (Directory.Exists(path))
        {
            return CanWrite(path) is { } problem
                ? new(CheckStatus.Fail, name, $"{path} is not writable ({problem})")
                : new(CheckStatus.Ok, name, $"{path} (writable)");
        }

        if (File.Exists(path))
        {
            return new(CheckStatus.Fail, name, $"{path} is a file, not a folder");
        }

        var parent = Path.GetDirectoryName(Path.GetFullPath(path));
        while (parent is not null && !Directory.Exists(parent))
        {
            parent = Path.GetDirectoryName(parent);
        }

        return parent is not null && CanWrite(parent) is null
            ? new(CheckStatus.Ok, name, $"{path} (not there yet; will be created under {parent})")
            : new(CheckStatus.Fail, name, $"{path} cannot be created: {parent ?? "no parent folder"} is not writable");
    }

    private static List<CheckLine> Key(PipelineConfig config)
    {
        var variable = PseudonymKey.VariableName(config.PseudonymKeyEnv);
        var fromEnvironment = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable));
        byte[] key;
        try
        {
            key = PseudonymKey.Resolve(config.PseudonymKeyEnv, config.Warehouse, createIfMissing: false, out _);
        }
        catch (PipelineInputException ex)
        {
            return [new(CheckStatus.Fail, "pseudonym key", ex.Message)];
        }

        var file = PseudonymKey.KeyFileFor(config.Warehouse);
        var lines = new List<CheckLine>();
        if (fromEnvironment)
        {
            lines.Add(new(CheckStatus.Ok, "pseudonym key", $"from ${variable}"));
        }
        else if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(file) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
        {
            var mode = Convert.ToString((int)File.GetUnixFileMode(file), 8).PadLeft(4, '0');
            lines.Add(new(CheckStatus.Fail, "pseudonym key", $"{file} can be read by others (mode {mode}): chmod 600 {file}"));
        }
        else
        {
            lines.Add(new(CheckStatus.Ok, "pseudonym key", $"{file} (mode 0600)"));
        }

        if (File.Exists(config.Warehouse))
        {
            lines.Add(Fingerprint(config.Warehouse, new Pseudonymizer(key).Fingerprint));
        }

        return lines;
    }

    private static CheckLine Fingerprint(string warehouse, string current)
    {
        string? recorded;
        try
        {
            using var connection = Db.OpenReadOnly(warehouse);
            recorded = Db.Scalar<string?>(connection, "select value from ops.warehouse_info where key = 'pseudonym_key_fingerprint'");
        }
        catch (Exception ex) when (ex is DuckDB.NET.Data.DuckDBException or IOException or PipelineInputException)
        {
            return new(CheckStatus.Warn, "key fingerprint", $"not compared: the warehouse cannot be read now ({ex.Message.Split('\n')[0]})");
        }

        return recorded is null ? new(CheckStatus.Ok, "key fingerprint", $"{current}; the warehouse has none recorded yet (the first landing records it)")
            : recorded == current ? new(CheckStatus.Ok, "key fingerprint", $"{current}, the one the warehouse's raters were pseudonymized with")
            : new(CheckStatus.Fail, "key fingerprint", $"the key in use ({current}) is not the warehouse's ({recorded}): every rater would get a second identity; use the warehouse's key");
    }

    private static CheckLine Lock(string warehouse, TimeProvider clock)
    {
        if (!Directory.Exists(Path.GetDirectoryName(warehouse)))
        {
            return new(CheckStatus.Ok, "writer lock", "no warehouse folder yet");
        }

        using var taken = WriterLock.TryAcquire(warehouse, "rp doctor", clock, out var heldBy);
        return taken is not null
            ? new(CheckStatus.Ok, "writer lock", "free")
            : new(CheckStatus.Warn, "writer lock", $"held by {heldBy}: a job is writing now; others wait their turn");
    }

    private static CheckLine JobStorage(ServeSettings serve)
    {
        if (serve.JobsStorage != "postgres")
        {
            return new(CheckStatus.Ok, "job storage", "in memory: right for one machine; queued jobs do not outlive a restart");
        }

        if (Environment.GetEnvironmentVariable(serve.ConnectionEnv!) is not { Length: > 0 } connectionString)
        {
            return new(CheckStatus.Fail, "job storage", $"postgres: the environment variable {serve.ConnectionEnv} is not set; put the PostgreSQL connection string in it");
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = (int)ProbeTimeout.TotalSeconds };
            using var connection = new NpgsqlConnection(builder.ConnectionString);
            connection.Open();
            using var command = new NpgsqlCommand("show server_version", connection);
            return new(CheckStatus.Ok, "job storage", $"PostgreSQL {command.ExecuteScalar()} at {builder.Host}:{builder.Port}, database {builder.Database} (from ${serve.ConnectionEnv})");
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException or InvalidOperationException or TimeoutException)
        {
            return new(CheckStatus.Fail, "job storage", $"postgres (from ${serve.ConnectionEnv}) cannot be reached: {ex.Message.Split('\n')[0]}");
        }
    }

    private static CheckLine Source(ApiSource source)
    {
        var name = $"source {source.Name}";
        if (Environment.GetEnvironmentVariable(source.TokenEnv) is not { Length: > 0 } token)
        {
            return new(CheckStatus.Fail, name, $"the environment variable {source.TokenEnv} is not set; put the {source.Kind} API token in it");
        }

        try
        {
            using var client = PullService.NewClient();
            var what = SourceProbe.CheckAsync(source, token, client, ProbeTimeout).GetAwaiter().GetResult();
            return new(CheckStatus.Ok, name, $"{source.Kind} at {source.BaseUrl} answers with the token from ${source.TokenEnv}: {what}");
        }
        catch (PullFailedException ex)
        {
            return new(CheckStatus.Fail, name, $"{source.Kind} at {source.BaseUrl}: {ex.Message}");
        }
    }

    private static CheckLine Inbox(InboxFolder inbox)
    {
        var name = $"inbox {inbox.Path}";
        if (!Directory.Exists(inbox.Path))
        {
            return new(CheckStatus.Fail, name, "the folder does not exist");
        }

        int waiting;
        try
        {
            waiting = Directory.GetFiles(inbox.Path).Count(IngestOrder.IsIngestible);
        }
        catch (UnauthorizedAccessException)
        {
            return new(CheckStatus.Fail, name, "the folder cannot be read");
        }

        if (CanWrite(inbox.Path) is { } problem)
        {
            return new(CheckStatus.Fail, name, $"not writable ({problem}): landed files are moved out of it");
        }

        if (inbox.MappingPath is { } mapping)
        {
            try
            {
                SurveyMappingLoader.Load(mapping);
            }
            catch (PipelineInputException ex)
            {
                return new(CheckStatus.Fail, name, $"its mapping does not load: {ex.Message.ReplaceLineEndings(" ")}");
            }
        }

        return new(CheckStatus.Ok, name, $"readable and writable, {waiting} file(s) waiting{(inbox.MappingPath is null ? "" : $", mapping {Path.GetFileName(inbox.MappingPath)} loads")}");
    }

    private static IEnumerable<CheckLine> Schedules(ServeSettings serve, TimeProvider clock)
    {
        if (serve.Schedules.Count == 0)
        {
            yield return new(CheckStatus.Ok, "schedules", "none: rp serve runs jobs only when triggered from the dashboard");
            yield break;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(serve.TimeZone);
        foreach (var (job, cron) in serve.Schedules.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var expression = ServeConfigReader.Parse(cron);
            var next = new List<DateTimeOffset>();
            var from = clock.GetUtcNow();
            while (next.Count < 3 && expression.GetNextOccurrence(from, zone) is { } at)
            {
                next.Add(at);
                from = at;
            }

            yield return new(CheckStatus.Ok, $"schedule {job}", $"\"{cron}\" next at {string.Join(", ", next.Select(n => n.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)))} ({serve.TimeZone})");
        }
    }

    /// <summary>Null when a file can be created in <paramref name="folder"/>, else why not.</summary>
    private static string? CanWrite(string folder)
    {
        var probe = Path.Combine(folder, $".rp-doctor-{Environment.ProcessId}.tmp");
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ex.Message;
        }
    }
}
