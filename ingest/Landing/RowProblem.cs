namespace ResearchPipeline.Ingest.Landing;

/// <summary>Why one record was not loaded: its row as a spreadsheet shows it, the column, the value, and the reason.</summary>
/// <remarks><see cref="UnitId"/> and <see cref="WaveId"/> are the unit and wave the record named, where they could be read: reports
/// count a partnership's quarantined records in the wave they belong to.</remarks>
public sealed record RowProblem(long SourceRow, string? Column, string? RawValue, string Reason, string? UnitId = null, string? WaveId = null)
{
    /// <summary>True when <see cref="Column"/> already says where, in the file's own terms (Sheet "x" cell D7).</summary>
    public bool ColumnIsLocation { get; init; }

    /// <summary>Why a second rating is quarantined: {0} the dimension, {1} the wave, {2} the first row (.NET and DuckDB's format() read it alike).</summary>
    private const string SecondRating = "same rater, unit, role, {0} and wave {1} as row {2}: a file may rate each once";

    private static readonly System.Text.CompositeFormat SecondRatingFormat = System.Text.CompositeFormat.Parse(SecondRating);

    /// <summary>A second rating of the same rater, unit, role, dimension and wave in one file: the first stands.</summary>
    public static RowProblem SecondRatingInFile(long row, string dimensionCode, string waveId, long firstRow, string unitId) =>
        new(row, null, null, string.Format(System.Globalization.CultureInfo.InvariantCulture, SecondRatingFormat, dimensionCode, waveId, firstRow), unitId, waveId);

    /// <summary>The same reason as a DuckDB expression over three columns (the set-based landing writes it in SQL).</summary>
    public static string SecondRatingInFileSql(string dimensionColumn, string waveColumn, string firstRowColumn) =>
        $"format('{SecondRating.Replace("'", "''", StringComparison.Ordinal)}', {dimensionColumn}, {waveColumn}, {firstRowColumn})";

    public string Describe(string fileName) =>
        Column is null ? $"{fileName} row {SourceRow}: {Reason}"
        : ColumnIsLocation ? $"{fileName}: {Column}: {Reason}"
        : $"{fileName} row {SourceRow}, column \"{Column}\": {Reason}";
}
