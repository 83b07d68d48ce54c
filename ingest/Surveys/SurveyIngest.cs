using DuckDB.NET.Data;
using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Models;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Ingest.Surveys;

/// <summary>
/// A survey export read through its mapping and landed: the respondent's latest submission wins, and responses a
/// previous export already landed are skipped (each response is fingerprinted).
/// </summary>
public static class SurveyIngest
{
    public static IngestResult Land(DuckDBConnection connection, IncomingFile file, SurveyMapping mapping, IngestOptions options)
    {
        var fileName = file.FileName;
        var table = SurveyTable.Parse(fileName, file.Text!);
        var reference = ReferenceIndex.Load(connection);
        if (!reference.Frameworks.TryGetValue(mapping.Framework, out var framework))
        {
            throw new PipelineInputException($"{mapping.Name}: framework \"{mapping.Framework}\" is unknown (known: {string.Join(", ", reference.Frameworks.Keys.Order())}).");
        }

        // Read (and refuse a misfit) before looking at whether the file was landed: a wrong mapping is always said.
        var read = SurveyReader.Read(fileName, table, mapping, framework.Definition);
        Reconcile(fileName, file.Text!, table, read);
        var identity = mapping.Sha256 is { } mappingSha
            ? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(file.Sha256 + "\n" + mappingSha)))
            : file.Sha256;
        if (BatchLander.AlreadyLanded(connection, fileName, identity, read.Format.Kind) is { } already)
        {
            return already;
        }

        // A later export of the same survey repeats earlier responses: those already landed are skipped, not loaded again.
        var landed = LandedResponses(connection, read.Records.Select(r => r.Record.ResponseKey!).Distinct().ToList());
        var records = read.Records.Select(r => r.SkipReason is null && r.Refused is null && landed.TryGetValue(r.Record.ResponseKey!, out var batch)
            ? r with { SkipReason = $"already landed in batch {batch}" }
            : r).ToList();
        var notes = new List<string> { $"{read.Responses} responses × {read.Dimensions.Count} {framework.Definition.DimensionTerm} columns" };
        if (read.NotResponses > 0)
        {
            notes.Add($"{read.NotResponses} preview/test/spam response(s) skipped");
        }

        var repeated = records.Where(r => r.SkipReason?.StartsWith("already landed", StringComparison.Ordinal) == true).Select(r => r.Record.SourceRow).Distinct().Count();
        if (repeated > 0)
        {
            notes.Add($"{repeated} response(s) already landed by an earlier export skipped");
        }

        return RatingsLanding.Land(connection, reference,
            new RatingsLanding.Input(fileName, read.Format.Kind, identity, mapping.IsSynthetic, records, LatestWins: true, notes),
            options with { SourceName = options.SourceNameOr("survey:" + mapping.Name) }) with { Responses = read.Responses };
    }

    /// <summary>
    /// The file's records, counted apart from the reader (<see cref="RecordCount"/>), must be its header rows and the
    /// responses read, one for one: otherwise the reader lost or merged a record, and the file is refused whole.
    /// </summary>
    private static void Reconcile(string fileName, string text, SurveyTable table, SurveyReader.Result read)
    {
        var counted = RecordCount.NonBlank(text, table.Separator);
        var headers = table.Records.Take(read.HeaderRows).Count(r => r.Fields.Any(f => !string.IsNullOrWhiteSpace(f))); // a header row may be blank (SurveyMonkey's condensed export)
        if (counted != headers + read.Responses)
        {
            throw new PipelineInputException(
                $"{fileName}: {counted:N0} non-blank lines counted in the file, but {headers} header row(s) and {read.Responses:N0} response(s) were read " +
                "(a stray quote joining lines?); nothing was loaded.");
        }
    }

    /// <summary>
    /// Which of these response fingerprints an earlier batch landed whole, and the first batch that did. A response with
    /// a quarantined cell is not landed: read again (a corrected mapping, a re-pull), it lands what it can now.
    /// </summary>
    private static Dictionary<string, long> LandedResponses(DuckDBConnection connection, List<string> keys)
    {
        var landed = new Dictionary<string, long>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return landed;
        }

        Db.Execute(connection, "create or replace temp table incoming_responses (response_key varchar)");
        using (var appender = connection.CreateAppender("temp", "main", "incoming_responses"))
        {
            foreach (var key in keys)
            {
                appender.CreateRow().AppendValue(key).EndRow();
            }
        }

        foreach (var row in Db.Rows(connection, """
                     select r.response_key, min(r.batch_id) from raw.long_ratings r
                     where r.response_key in (select response_key from temp.incoming_responses) group by r.response_key
                     having bool_and(r.outcome <> 'quarantined')
                     """))
        {
            landed[(string)row[0]!] = (long)row[1]!;
        }

        Db.Execute(connection, "drop table temp.incoming_responses");
        return landed;
    }
}
