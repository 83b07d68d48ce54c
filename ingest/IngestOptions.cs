using ResearchPipeline.Ingest.Landing;

namespace ResearchPipeline.Ingest;

/// <summary>
/// How to land files: the rater pseudonymizer, the clock, and who the files came from (a configured source's name;
/// null for a file given by hand, which is then named by its kind, for example "file" or "survey:&lt;mapping&gt;").
/// </summary>
public sealed record IngestOptions(Pseudonymizer Pseudonymizer, TimeProvider Clock, string? SourceName = null)
{
    public string SourceNameOr(string fallback) => SourceName ?? fallback;
}
