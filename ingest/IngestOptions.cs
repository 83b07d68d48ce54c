using ResearchPipeline.Ingest.Landing;

namespace ResearchPipeline.Ingest;

/// <summary>How to land files: who they came from, and the rater pseudonymizer.</summary>
public sealed record IngestOptions(Pseudonymizer Pseudonymizer, TimeProvider Clock, string SourceName = "file");
