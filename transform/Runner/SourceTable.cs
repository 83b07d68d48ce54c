namespace ResearchPipeline.Transform.Runner;

/// <summary>
/// A table the transform reads but does not build (declared in sql/_sources.yml): its descriptions, and how it is
/// published (withheld columns; a column whose value is withheld on rows where another column names a sensitive field).
/// </summary>
public sealed record SourceTable(
    string Table,
    bool Published,
    string Description,
    string? Source,
    IReadOnlyDictionary<string, string> ColumnDescriptions,
    IReadOnlyList<string> Withheld,
    Redaction? Redaction);

/// <summary>Publish <see cref="Column"/> as null on rows where <see cref="WhenColumn"/> is one of <see cref="Values"/>.</summary>
public sealed record Redaction(string Column, string WhenColumn, IReadOnlyList<string> Values);
