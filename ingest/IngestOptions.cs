using ResearchPipeline.Ingest.Landing;

namespace ResearchPipeline.Ingest;

/// <summary>
/// How to land files: the rater pseudonymizer, the clock, and who the files came from (a configured source's name;
/// null for a file given by hand, which is then named by its kind, for example "file" or "survey:&lt;mapping&gt;").
/// </summary>
public sealed record IngestOptions(Pseudonymizer Pseudonymizer, TimeProvider Clock, string? SourceName = null)
{
    public string SourceNameOr(string fallback) => SourceName ?? fallback;

    /// <summary>The time a batch starts or finishes, from the clock the options carry.</summary>
    public DateTime Now() => Clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Lands long-format CSV files row by row even where the set-based path could (it lands the same rows, more slowly):
    /// for comparing the two paths.
    /// </summary>
    public bool RowByRow { get; init; }
}
