using DuckDB.NET.Data;
using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Ingest.Surveys;

namespace ResearchPipeline.Ingest.Spreadsheets;

/// <summary>An .xlsx workbook (long format, or the partnership workbook) read sheet by sheet and landed as one batch.</summary>
public static class WorkbookIngest
{
    public static IngestResult Land(DuckDBConnection connection, IncomingFile file, SurveyMapping? mapping, IngestOptions options)
    {
        var sheets = WorkbookFile.Read(file.FileName, file.Bytes);
        var reference = ReferenceIndex.Load(connection);
        var read = WorkbookReader.Read(file.FileName, sheets, reference, mapping);
        if (BatchLander.AlreadyLanded(connection, file.FileName, file.Sha256, read.Kind) is { } already)
        {
            return already;
        }

        return RatingsLanding.Land(connection, reference,
            new RatingsLanding.Input(file.FileName, read.Kind, file.Sha256, read.IsSynthetic, read.Records, LatestWins: false, read.Notes), options);
    }
}
