namespace ResearchPipeline.Transform.Runner;

/// <summary>
/// A table the transform reads but does not build (declared in sql/_sources.yml): its descriptions, and how it is
/// published: withheld columns are left out; masked columns (free text that may quote what a file held: a quarantine
/// reason, a job's message) are published with every quoted value and every email address masked.
/// </summary>
public sealed record SourceTable(
    string Table,
    bool Published,
    string Description,
    string? Source,
    IReadOnlyDictionary<string, string> ColumnDescriptions,
    IReadOnlyList<string> Withheld,
    IReadOnlyList<string> Masked);
