namespace ResearchPipeline.Ingest.Surveys;

/// <summary>
/// One column of a survey export: its position, its id (Qualtrics column id; the header text elsewhere), the names a
/// mapping may use for it, the label messages show, and the text that says which question it is.
/// </summary>
public sealed record SurveyColumn(int Index, string Id, IReadOnlyList<string> Names, string Label, string QuestionText);
