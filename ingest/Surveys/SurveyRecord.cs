using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Ingest.LongFormat;

namespace ResearchPipeline.Ingest.Surveys;

/// <summary>
/// One rating cell of a survey response as a long record, and what the reader already knows about it: refused as a
/// whole row (a ragged row), or not a rating at all (a preview, test or spam response).
/// </summary>
public sealed record SurveyRecord(LongRecord Record, RowProblem? Refused, string? SkipReason);
