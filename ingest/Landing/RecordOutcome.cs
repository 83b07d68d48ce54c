namespace ResearchPipeline.Ingest.Landing;

/// <summary>What became of one record read (raw.long_ratings.outcome): every record read ends as exactly one of these.</summary>
public enum RecordOutcome
{
    Loaded,
    Quarantined,

    /// <summary>Documented not-a-rating: a blank "not rated" level, a preview/test response, a response landed before.</summary>
    Skipped,

    /// <summary>An earlier submission of the same respondent, replaced by their latest (counted as skipped).</summary>
    Superseded,
}

/// <summary>How outcomes are written and counted.</summary>
public static class RecordOutcomes
{
    public static string Text(this RecordOutcome outcome) => outcome.ToString().ToLowerInvariant();

    /// <summary>Skipped and superseded records both count as rows_skipped.</summary>
    public static bool CountsAsSkipped(this RecordOutcome outcome) => outcome is RecordOutcome.Skipped or RecordOutcome.Superseded;
}
