namespace ResearchPipeline.Ingest.Surveys;

/// <summary>
/// A mapping file: which columns of one survey export hold the unit, role, rater, date and comment,
/// and which hold which rubric dimension (by question text, or an explicit column → dimension map), plus label maps.
/// </summary>
public sealed record SurveyMapping(
    string Name,
    ISurveyFormat? Format,
    string Network,
    string Framework,
    string? Wave,
    IReadOnlyDictionary<string, string> Columns,
    bool DimensionsByQuestionText,
    IReadOnlyDictionary<string, string> DimensionMap,
    IReadOnlyDictionary<string, string> Units,
    IReadOnlyDictionary<string, string> Roles,
    string? Role)
{
    /// <summary>The format key as written: a survey format, or workbook / long for spreadsheets.</summary>
    public string? Kind { get; init; }

    /// <summary>
    /// Labels of the wave field → wave ids (<c>waves:</c>), like <c>units:</c> and <c>roles:</c>: a REDCap project's events
    /// ("Year 2022" or year_2022_arm_1 → 2022), or the values of columns.wave.
    /// </summary>
    public IReadOnlyDictionary<string, string> Waves { get; init; } = new Dictionary<string, string>();

    /// <summary>The zone the export's times are written in when they carry none, or carry an ambiguous abbreviation (<c>time_zone:</c>, an IANA name).</summary>
    public TimeZoneInfo? TimeZone { get; init; }

    /// <summary>
    /// The SHA-256 of the mapping file as read: part of a survey batch's identity, so that the same export ingested
    /// again through a corrected mapping is read again (its quarantined responses get another chance), while the same
    /// file through the same mapping is recognized as landed.
    /// </summary>
    public string? Sha256 { get; init; }

    /// <summary>True when the mapping's leading comment says its exports are synthetic sample data.</summary>
    public bool IsSynthetic { get; init; }

    /// <summary>The canonical fields a mapping may point at a column.</summary>
    public static readonly string[] Fields = ["unit", "role", "rater", "rated_at", "comment", "is_consensus", "wave"];
}
