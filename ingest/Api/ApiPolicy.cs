namespace ResearchPipeline.Ingest.Api;

/// <summary>
/// How patient a pull is: the timeout of one attempt, how many attempts a transient failure gets and the backoff
/// between them (exponential, jittered; a 429's Retry-After wins), when the circuit breaker opens, and how long an
/// export may take to finish.
/// </summary>
public sealed record ApiPolicy(
    TimeSpan AttemptTimeout,
    int MaxAttempts,
    TimeSpan BaseDelay,
    TimeSpan MaxDelay,
    int BreakAfterFailures,
    TimeSpan BreakFor,
    TimeSpan PollInterval,
    int MaxPolls)
{
    public static ApiPolicy Default { get; } = new(
        AttemptTimeout: TimeSpan.FromSeconds(30),
        MaxAttempts: 5,
        BaseDelay: TimeSpan.FromSeconds(1),
        MaxDelay: TimeSpan.FromSeconds(60),
        BreakAfterFailures: 8,
        BreakFor: TimeSpan.FromMinutes(2),
        PollInterval: TimeSpan.FromSeconds(2),
        MaxPolls: 900);
}
