namespace ResearchPipeline.Transform.Publishing;

/// <summary>One column of one public table or view of the published snapshot, with its meaning and source.</summary>
public sealed record DictionaryEntry(
    string Schema,
    string Table,
    string Kind,
    string TableDescription,
    string? TableSource,
    int Position,
    string Column,
    string DataType,
    string? ColumnDescription)
{
    public string Relation => $"{Schema}.{Table}";
}
