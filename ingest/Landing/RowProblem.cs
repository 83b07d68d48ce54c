namespace ResearchPipeline.Ingest.Landing;

/// <summary>Why one record was not loaded: its row as a spreadsheet shows it, the column, the value, and the reason.</summary>
/// <remarks><see cref="UnitId"/> and <see cref="WaveId"/> are the unit and wave the record named, where they could be read: reports
/// count a partnership's quarantined records in the wave they belong to.</remarks>
public sealed record RowProblem(long SourceRow, string? Column, string? RawValue, string Reason, string? UnitId = null, string? WaveId = null)
{
    /// <summary>True when <see cref="Column"/> already says where, in the file's own terms (Sheet "x" cell D7).</summary>
    public bool ColumnIsLocation { get; init; }

    /// <summary>A second rating of the same rater, unit, role, dimension and wave in one file: the first stands.</summary>
    public static RowProblem SecondRatingInFile(long row, string dimensionCode, string waveId, long firstRow, string unitId) =>
        new(row, null, null, $"same rater, unit, role, {dimensionCode} and wave {waveId} as row {firstRow}: a file may rate each once", unitId, waveId);

    public string Describe(string fileName) =>
        Column is null ? $"{fileName} row {SourceRow}: {Reason}"
        : ColumnIsLocation ? $"{fileName}: {Column}: {Reason}"
        : $"{fileName} row {SourceRow}, column \"{Column}\": {Reason}";
}
