namespace ResearchPipeline.Ingest.Landing;

/// <summary>What a file turned out to be: which reader reads it.</summary>
public enum FileLayout
{
    LongFormat,
    Roster,
    Waves,
    Framework,
    SurveyExport,
    Workbook,
}
