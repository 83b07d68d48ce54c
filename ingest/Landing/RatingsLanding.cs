using DuckDB.NET.Data;
using ResearchPipeline.Ingest.Surveys;

namespace ResearchPipeline.Ingest.Landing;

/// <summary>
/// The last stage of the landing path for rating records (long format, survey exports, workbooks): validate every
/// record, decide each one's outcome, and land the file as one batch in one transaction. Within a file, two ratings with
/// the same natural key are a mistake in a long-format file or workbook (the second is quarantined), but a resubmission
/// in a survey export, where the respondent's latest response wins and the earlier one is kept in raw, superseded.
/// </summary>
public static class RatingsLanding
{
    /// <summary>What is landed: the records as read (each possibly already refused or skipped by its reader) and how.</summary>
    public sealed record Input(string FileName, SourceKind Kind, string Sha256, bool IsSynthetic, List<SurveyRecord> Records, bool LatestWins, List<string> Notes);

    public static IngestResult Land(DuckDBConnection connection, ReferenceIndex reference, Input input, IngestOptions options)
    {
        var validator = new RatingValidator(reference, options.Pseudonymizer);
        var records = input.Records.Select(r => r.Record).ToList();
        var outcomes = new RecordOutcome[records.Count];
        var raterKeys = new string?[records.Count];
        var valid = new List<(int Index, CanonicalRating Rating)>();
        var problems = new List<RowProblem>();
        var notes = input.Notes;
        var cleaned = 0;
        for (var i = 0; i < records.Count; i++)
        {
            var result = validator.Validate(records[i]);
            raterKeys[i] = result.RaterKey;
            cleaned += result.FieldsCleaned;
            if (input.Records[i].Refused is { } refused)
            {
                outcomes[i] = RecordOutcome.Quarantined;
                problems.Add(refused with { UnitId = result.UnitId, WaveId = result.WaveId });
            }
            else if (input.Records[i].SkipReason is not null || result.Outcome == RatingValidator.Outcome.Skipped)
            {
                outcomes[i] = RecordOutcome.Skipped;
            }
            else if (result.Outcome == RatingValidator.Outcome.Quarantined)
            {
                outcomes[i] = RecordOutcome.Quarantined;
                problems.AddRange(result.Problems);
            }
            else
            {
                valid.Add((i, result.Rating!));
            }
        }

        if (cleaned > 0)
        {
            notes.Add($"control characters removed from {cleaned} field(s); raw keeps them as read");
        }

        var ratings = input.LatestWins ? LatestWins(valid, outcomes, notes) : FirstOnly(valid, outcomes, problems);
        foreach (var part in records.Select((r, i) => (r.Part, Outcome: outcomes[i])).Where(x => x.Part is not null).GroupBy(x => x.Part))
        {
            notes.Add($"Sheet \"{part.Key}\": read {part.Count()}, loaded {part.Count(x => x.Outcome == RecordOutcome.Loaded)}, " +
                      $"quarantined {part.Count(x => x.Outcome == RecordOutcome.Quarantined)}, skipped {part.Count(x => x.Outcome.CountsAsSkipped())}");
        }

        var quarantined = outcomes.LongCount(o => o == RecordOutcome.Quarantined);
        var skipped = outcomes.LongCount(o => o.CountsAsSkipped());
        using var tx = connection.BeginTransaction();
        var batchId = BatchLander.StartBatch(connection, new BatchLander.Batch(options.SourceNameOr("file"), input.Kind, input.FileName, input.Sha256, input.IsSynthetic), options.Now());
        BatchLander.AppendRaw(connection, batchId, records, outcomes, raterKeys);
        BatchLander.AppendQuarantine(connection, batchId, problems);
        var replaced = BatchLander.UpsertRatings(connection, batchId, ratings);
        BatchLander.FinishBatch(connection, batchId, options.Now(), records.Count, ratings.Count, quarantined, skipped);
        tx.Commit();
        return new IngestResult(input.FileName, input.Kind, IngestStatus.Loaded, batchId, records.Count, ratings.Count, quarantined, skipped, problems, replaced) { Notes = notes };
    }

    /// <summary>A respondent (rater, unit, wave) who submitted more than once: the latest response, by date then row, wins.</summary>
    private static List<CanonicalRating> LatestWins(List<(int Index, CanonicalRating Rating)> valid, RecordOutcome[] outcomes, List<string> notes)
    {
        var ratings = new List<CanonicalRating>(valid.Count);
        var superseded = 0;
        foreach (var group in valid.GroupBy(v => (v.Rating.RaterKey, v.Rating.UnitId, v.Rating.WaveId)))
        {
            var latestRow = group.OrderByDescending(v => v.Rating.RatedAt ?? DateTime.MinValue).ThenByDescending(v => v.Rating.SourceRow).First().Rating.SourceRow;
            foreach (var (index, rating) in group)
            {
                if (rating.SourceRow == latestRow)
                {
                    outcomes[index] = RecordOutcome.Loaded;
                    ratings.Add(rating);
                }
                else
                {
                    outcomes[index] = RecordOutcome.Superseded;
                    superseded++;
                }
            }
        }

        if (superseded > 0)
        {
            notes.Add($"{superseded} rating(s) of earlier submissions by the same respondent superseded by their latest (kept in raw, outcome superseded)");
        }

        return ratings;
    }

    /// <summary>The first rating of a natural key in the file loads; a second is quarantined, naming the row of the first.</summary>
    private static List<CanonicalRating> FirstOnly(List<(int Index, CanonicalRating Rating)> valid, RecordOutcome[] outcomes, List<RowProblem> problems)
    {
        var ratings = new List<CanonicalRating>(valid.Count);
        var firstRowByKey = new Dictionary<(string, string, string, string, string, string), long>();
        foreach (var (index, rating) in valid)
        {
            if (firstRowByKey.TryGetValue(rating.NaturalKey, out var first))
            {
                outcomes[index] = RecordOutcome.Quarantined;
                problems.Add(RowProblem.SecondRatingInFile(rating.SourceRow, rating.DimensionCode, rating.WaveId, first, rating.UnitId));
            }
            else
            {
                firstRowByKey[rating.NaturalKey] = rating.SourceRow;
                outcomes[index] = RecordOutcome.Loaded;
                ratings.Add(rating);
            }
        }

        return ratings;
    }
}
