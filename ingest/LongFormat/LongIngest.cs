using DuckDB.NET.Data;
using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Ingest.Surveys;

namespace ResearchPipeline.Ingest.LongFormat;

/// <summary>A long-format CSV read row by row (the careful path; <see cref="LongFormatBulk"/> is the set-based one) and landed.</summary>
public static class LongIngest
{
    public static IngestResult Land(DuckDBConnection connection, IncomingFile file, IngestOptions options)
    {
        if (BatchLander.AlreadyLanded(connection, file.FileName, file.Sha256, SourceKind.LongFormat) is { } already)
        {
            return already;
        }

        var parsed = LongFormatCsv.Read(file.FileName, new StringReader(file.Text!));
        var records = parsed.Records.Select((r, i) => new SurveyRecord(r, parsed.Refused.GetValueOrDefault(i), parsed.Skipped.GetValueOrDefault(i))).ToList();
        var notes = parsed.Skipped.Count == 0 ? new List<string>()
            : [$"{parsed.Skipped.Count} line(s) repeating the header row skipped (rows {string.Join(", ", parsed.Skipped.Keys.Select(i => parsed.Records[i].SourceRow))}; two files joined?)"];
        return RatingsLanding.Land(connection, ReferenceIndex.Load(connection),
            new RatingsLanding.Input(file.FileName, SourceKind.LongFormat, file.Sha256, parsed.IsSynthetic, records, LatestWins: false, notes), options);
    }
}
