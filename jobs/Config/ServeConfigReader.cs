using Cronos;
using ResearchPipeline.Jobs.Serve;
using ResearchPipeline.Models.Yaml;

namespace ResearchPipeline.Jobs.Config;

/// <summary>Reads what <c>rp serve</c> needs from the config: schedules (checked with Cronos, as Hangfire parses them), time zone, job storage, dashboard.</summary>
internal static class ServeConfigReader
{
    public static ServeSettings Read(YamlMap root)
    {
        var schedules = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.Map("schedules") is { } map)
        {
            map.AllowOnly(ScheduledJobs.Names);
            foreach (var job in map.Keys.Where(ScheduledJobs.Names.Contains))
            {
                if (map.Text(job) is { } cron && CronProblem(cron) is { } problem)
                {
                    map.Problem(job, $"\"{cron}\" is not a cron expression: {problem}");
                }
                else if (map.Text(job) is { } ok)
                {
                    schedules[job] = ok;
                }
            }
        }

        // An unknown zone is a problem, and the config is refused before the zone is used.
        var zone = root.TimeZone("time_zone", " (for example UTC or America/Chicago)")?.Id ?? "UTC";

        var storage = root.OneOf("jobs_storage", "inmemory", "postgres") ?? "inmemory";
        var connectionEnv = root.Text("connection_env");
        if (storage == "postgres" && connectionEnv is null)
        {
            root.Problem("jobs_storage", "postgres needs connection_env: the environment variable that holds the PostgreSQL connection string");
        }

        var settings = ServeSettings.Default with { Schedules = schedules, TimeZone = zone, JobsStorage = storage, ConnectionEnv = connectionEnv };
        if (root.Map("dashboard") is { } dashboard)
        {
            dashboard.AllowOnly("port", "remote", "user_env", "password_env");
            var remote = dashboard.Bool("remote") ?? false;
            var userEnv = dashboard.Text("user_env");
            var passwordEnv = dashboard.Text("password_env");
            if (remote && (userEnv is null || passwordEnv is null))
            {
                dashboard.Problem("remote", "true needs user_env and password_env (the variables holding the dashboard's user name and password)");
            }

            settings = settings with
            {
                DashboardPort = dashboard.Whole("port", 0, 65535, "0 picks any free port") ?? settings.DashboardPort,
                DashboardRemote = remote,
                DashboardUserEnv = userEnv,
                DashboardPasswordEnv = passwordEnv,
            };
        }

        return settings with { PollSeconds = root.Whole("schedule_poll_seconds", 1, 3600) ?? settings.PollSeconds };
    }

    /// <summary>Why a cron expression does not parse, or null: 5 fields, or 6 with seconds first, as Hangfire reads them.</summary>
    internal static string? CronProblem(string cron)
    {
        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields is not (5 or 6) && !cron.StartsWith('@'))
        {
            return $"it has {fields} field(s); a cron has 5 (minute hour day month weekday), or 6 with seconds first";
        }

        try
        {
            Parse(cron);
            return null;
        }
        catch (CronFormatException ex)
        {
            return ex.Message.TrimEnd('.');
        }
    }

    /// <summary>A cron as Hangfire reads it: 5 fields, or 6 with seconds first (a macro such as @daily as 5).</summary>
    internal static CronExpression Parse(string cron) =>
        CronExpression.Parse(cron, cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
}
