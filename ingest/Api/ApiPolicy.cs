namespace ResearchPipeline.Ingest.Api;

/// <summary>
/// How patient a pull is: the timeout of one attempt, how many attempts a transient failure gets and the backoff
/// between them (exponential, jittered; a 429's Retry-After wins), when the circuit breaker opens, how often an
/// export's progress is checked (its own interval, not the retry delay) and how long an export may take to finish.
/// </summary>
public sealed record ApiPolicy(
    TimeSpan AttemptTimeout,
    int MaxAttempts,
    TimeSpan BaseDelay,
    TimeSpan MaxDelay,
    int BreakAfterFailures,
    TimeSpan BreakFor,
    TimeSpan PollInterval,
    TimeSpan ExportTimeout)
{
    /// <summary>
    /// The most an export may hold once unzipped: a zip that says (or turns out) to be larger is refused before it
    /// fills the memory (a zip bomb, or a survey far beyond this pipeline's scale).
    /// </summary>
    public long MaxExportBytes { get; init; } = 1L << 30;

    public static ApiPolicy Default { get; } = new(
        AttemptTimeout: TimeSpan.FromSeconds(30),
        MaxAttempts: 5,
        BaseDelay: TimeSpan.FromSeconds(1),
        MaxDelay: TimeSpan.FromSeconds(60),
        BreakAfterFailures: 8,
        BreakFor: TimeSpan.FromMinutes(2),
        PollInterval: TimeSpan.FromSeconds(2),
        ExportTimeout: TimeSpan.FromMinutes(10));
}
