namespace ResearchPipeline.Ingest.Landing;

/// <summary>
/// What kind of source a batch came from, as ops.ingest_batches.source_kind names it. Each kind is declared once, here
/// or by its survey format (<see cref="Surveys.ISurveyFormat.Kind"/>), so that adding a format adds its kind with it.
/// </summary>
public sealed record SourceKind(string Name)
{
    public static readonly SourceKind LongFormat = new("long");
    public static readonly SourceKind Roster = new("roster");
    public static readonly SourceKind Waves = new("waves");
    public static readonly SourceKind Framework = new("framework");
    public static readonly SourceKind Workbook = new("workbook");

    public override string ToString() => Name;
}
