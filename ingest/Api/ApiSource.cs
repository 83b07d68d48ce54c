namespace ResearchPipeline.Ingest.Api;

/// <summary>
/// One configured API source (<c>sources:</c>): what to pull, from where, with which token (the name of
/// the environment variable that holds it, never the token), and the mapping its records go through.
/// </summary>
public sealed record ApiSource(
    string Name,
    string Kind,
    Uri BaseUrl,
    string TokenEnv,
    string MappingPath,
    string? SurveyId = null,
    int BatchSize = 100,
    string? RecordIdField = null)
{
    /// <summary>A REDCap server's clock zone (<c>server_time_zone:</c>): its dateRangeBegin and survey timestamps are in it; null: not known.</summary>
    public TimeZoneInfo? ServerTimeZone { get; init; }

    public ApiPolicy Policy { get; init; } = ApiPolicy.Default;
}
