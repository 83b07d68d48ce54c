namespace ResearchPipeline.Ingest.Surveys;

/// <summary>
/// One column of a survey export: its position, its id (Qualtrics column id; the header text elsewhere), the names a
/// mapping may use for it, the label messages show, the text that says which question it is, and the question block
/// it belongs to (a matrix question: one block for all its rows; a survey may repeat a block, for example one per
/// respondent role).
/// </summary>
public sealed record SurveyColumn(int Index, string Id, IReadOnlyList<string> Names, string Label, string QuestionText, string Block)
{
    /// <summary>The zone the export says the column's times are in (Qualtrics' ImportId "timeZone"); null: it says none.</summary>
    public TimeZoneInfo? TimeZone { get; init; }

    /// <summary>The field at <paramref name="i"/> of a header row, or "" past its end (header rows may be shorter than the data).</summary>
    public static string At(string[] fields, int i) => i < fields.Length ? fields[i] : "";
}
