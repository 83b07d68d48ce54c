namespace ResearchPipeline.Ingest.Landing;

/// <summary>Why one record was not loaded: its row as a spreadsheet shows it, the column, the value, and the reason.</summary>
public sealed record RowProblem(long SourceRow, string? Column, string? RawValue, string Reason, string? UnitId = null)
{
    /// <summary>True when <see cref="Column"/> already says where, in the file's own terms (Sheet "x" cell D7).</summary>
    public bool ColumnIsLocation { get; init; }

    public string Describe(string fileName) =>
        Column is null ? $"{fileName} row {SourceRow}: {Reason}"
        : ColumnIsLocation ? $"{fileName}: {Column}: {Reason}"
        : $"{fileName} row {SourceRow}, column \"{Column}\": {Reason}";
}
