namespace ResearchPipeline.Jobs.Config;

/// <summary>
/// How <c>rp serve</c> runs: the recurring jobs and their crons (UTC unless a time zone is given), the
/// job storage (in-memory, or PostgreSQL whose connection string is in the environment variable named), and the
/// dashboard (127.0.0.1 only, unless remote access is configured with credentials from the environment).
/// </summary>
public sealed record ServeSettings(
    IReadOnlyDictionary<string, string> Schedules,
    string TimeZone,
    string JobsStorage,
    string? ConnectionEnv,
    int DashboardPort,
    bool DashboardRemote,
    string? DashboardUserEnv,
    string? DashboardPasswordEnv)
{
    /// <summary>How often the server looks for due schedules (Hangfire's schedule polling), in seconds.</summary>
    public int PollSeconds { get; init; } = 15;

    public static ServeSettings Default { get; } = new(new Dictionary<string, string>(), "UTC", "inmemory", null, 5080, false, null, null);
}
