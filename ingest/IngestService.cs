using System.Security.Cryptography;
using System.Text;
using DuckDB.NET.Data;
using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Ingest.LongFormat;
using ResearchPipeline.Ingest.Roster;
using ResearchPipeline.Ingest.Spreadsheets;
using ResearchPipeline.Ingest.Surveys;
using ResearchPipeline.Models;
using ResearchPipeline.Models.Frameworks;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Ingest;

/// <summary>
/// The one landing path: detect what a file is, read it, validate every record, land it as one batch.
/// Files that cannot be read as a whole are refused with <see cref="PipelineInputException"/> and change nothing.
/// </summary>
public static class IngestService
{
    public static IngestResult IngestFile(DuckDBConnection connection, string path, IngestOptions options, SurveyMapping? mapping = null)
    {
        var fileName = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            throw new PipelineInputException($"{path}: no such file.");
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        string? rowByRow = null;
        string? sha = null;
        if (!options.RowByRow && extension == ".csv" && mapping is null && LooksLikeLongFormat(path))
        {
            // The fast path for the one format that grows large: DuckDB reads the file, and SQL validates and lands it.
            var scan = TextScan.Of(path);
            if (BatchLander.ExistingBatch(connection, scan.Sha256) is { } landed)
            {
                return Already(connection, fileName, "long", landed);
            }

            var attempt = LongFormatBulk.TryLand(connection, Path.GetFullPath(path), scan, options, () => Now(options));
            if (attempt.Landed is { } result)
            {
                return result;
            }

            rowByRow = attempt.RowByRowBecause;
            sha = scan.Sha256;
        }

        var bytes = File.ReadAllBytes(path);
        sha ??= Convert.ToHexStringLower(SHA256.HashData(bytes));
        FileSniffer.EnsureMatches(fileName, bytes, extension);
        if (extension is ".xlsx" or ".xlsm" or ".xls")
        {
            return IngestWorkbook(connection, fileName, bytes, sha, mapping, options);
        }

        if (mapping is not null)
        {
            return extension is ".csv" or ".tsv" or ".txt"
                ? IngestSurvey(connection, fileName, bytes, sha, mapping, options)
                : throw new PipelineInputException($"{fileName}: a survey export is a .csv or .tsv file; \"{extension}\" is not one.");
        }

        return extension switch
        {
            ".yaml" or ".yml" => IngestFramework(connection, fileName, bytes, sha, options),
            ".csv" => IngestCsv(connection, fileName, bytes, sha, options) is var read && rowByRow is not null ? read with { RowByRowBecause = rowByRow } : read,
            _ => throw new PipelineInputException(
                $"{fileName}: cannot ingest \"{extension}\" files (supported: .csv in the long, roster or waves format; survey exports .csv/.tsv with a mapping; .xlsx workbooks; .yaml framework definitions)."),
        };
    }

    /// <summary>True when the file's first bytes are text whose first row is a long-format header.</summary>
    private static bool LooksLikeLongFormat(string path)
    {
        var head = new byte[64 * 1024];
        int length;
        using (var stream = File.OpenRead(path))
        {
            length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        var bytes = head.AsSpan(0, length);
        if (FileSniffer.Detect(bytes) != FileSniffer.Content.Text || bytes.StartsWith(Encoding.Unicode.Preamble) || bytes.StartsWith(Encoding.BigEndianUnicode.Preamble))
        {
            return false;
        }

        return LongFormatCsv.IsLongHeader(FirstHeader(Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF')));
    }

    private static IngestResult IngestCsv(DuckDBConnection connection, string fileName, byte[] bytes, string sha, IngestOptions options)
    {
        var text = Decode(fileName, bytes);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new PipelineInputException(
                $"{fileName}: the file is empty (no header row, no data): expected the long format ({string.Join(",", LongFormatCsv.Columns)}), a roster or waves file, or a survey export with --mapping.");
        }

        var header = FirstHeader(text);
        if (RosterCsvReader.IsRosterHeader(header))
        {
            return IngestRoster(connection, fileName, text, sha, options);
        }

        if (ReferenceLoader.IsWavesHeader(header))
        {
            return IngestWaves(connection, fileName, text, sha, options);
        }

        if (LongFormatCsv.IsLongHeader(header))
        {
            return IngestLong(connection, fileName, text, sha, options);
        }

        if (SurveyLayout.Detect(SurveyTable.Parse(fileName, text)) is { } survey)
        {
            throw new PipelineInputException(
                $"{fileName}: this looks like a {SurveyLayout.Name(survey)} export; say which columns hold what with --mapping MAPPING.yaml " +
                "(or put it beside the file as <name>.mapping.yaml).");
        }

        throw new PipelineInputException(
            $"{fileName} row 1: not a file this pipeline knows: expected the long format header ({string.Join(",", LongFormatCsv.Columns)}) " +
            $"or the roster header ({string.Join(",", RosterCsvReader.Columns)}); found \"{string.Join(",", header)}\".");
    }

    private static IngestResult IngestLong(DuckDBConnection connection, string fileName, string text, string sha, IngestOptions options)
    {
        if (BatchLander.ExistingBatch(connection, sha) is { } existing)
        {
            return Already(connection, fileName, "long", existing);
        }

        var parsed = LongFormatCsv.Read(fileName, new StringReader(text));
        var records = parsed.Records.Select((r, i) => new SurveyRecord(r, parsed.Refused.GetValueOrDefault(i), parsed.Skipped.GetValueOrDefault(i))).ToList();
        var notes = parsed.Skipped.Count == 0 ? new List<string>()
            : [$"{parsed.Skipped.Count} line(s) repeating the header row skipped (rows {string.Join(", ", parsed.Skipped.Keys.Select(i => parsed.Records[i].SourceRow))}; two files joined?)"];
        return Land(connection, ReferenceIndex.Load(connection), fileName, "long", sha, parsed.IsSynthetic, records, latestWins: false, options, notes);
    }

    private static IngestResult IngestSurvey(DuckDBConnection connection, string fileName, byte[] bytes, string sha, SurveyMapping mapping, IngestOptions options)
    {
        var text = Decode(fileName, bytes);
        var table = SurveyTable.Parse(fileName, text);
        var reference = ReferenceIndex.Load(connection);
        if (!reference.Frameworks.TryGetValue(mapping.Framework, out var framework))
        {
            throw new PipelineInputException($"{mapping.Name}: framework \"{mapping.Framework}\" is unknown (known: {string.Join(", ", reference.Frameworks.Keys.Order())}).");
        }

        // Read (and refuse a misfit) before looking at whether the file was landed: a wrong mapping is always said.
        var read = SurveyReader.Read(fileName, table, mapping, framework.Definition);
        var kind = read.Format.ToString().ToLowerInvariant();
        if (BatchLander.ExistingBatch(connection, sha) is { } existing)
        {
            return Already(connection, fileName, kind, existing);
        }

        // A later export of the same survey repeats earlier responses: those already landed are skipped, not loaded again.
        var landed = LandedResponses(connection, read.Records.Select(r => r.Record.ResponseKey!).Distinct().ToList());
        var records = read.Records.Select(r => r.SkipReason is null && r.Refused is null && landed.TryGetValue(r.Record.ResponseKey!, out var batch)
            ? r with { SkipReason = $"already landed in batch {batch}" }
            : r).ToList();
        var notes = new List<string>
        {
            $"{read.Responses} responses × {read.Dimensions.Count} {framework.Definition.DimensionTerm} columns",
        };
        if (read.NotResponses > 0)
        {
            notes.Add($"{read.NotResponses} preview/test/spam response(s) skipped");
        }

        var repeated = records.Where(r => r.SkipReason?.StartsWith("already landed", StringComparison.Ordinal) == true).Select(r => r.Record.SourceRow).Distinct().Count();
        if (repeated > 0)
        {
            notes.Add($"{repeated} response(s) already landed by an earlier export skipped");
        }

        return Land(connection, reference, fileName, kind, sha, mapping.IsSynthetic, records, latestWins: true, options with { SourceName = options.SourceNameOr("survey:" + mapping.Name) }, notes);
    }

    private static IngestResult IngestWorkbook(DuckDBConnection connection, string fileName, byte[] bytes, string sha, SurveyMapping? mapping, IngestOptions options)
    {
        var sheets = WorkbookFile.Read(fileName, bytes);
        var reference = ReferenceIndex.Load(connection);
        var read = WorkbookReader.Read(fileName, sheets, reference, mapping);
        if (BatchLander.ExistingBatch(connection, sha) is { } existing)
        {
            return Already(connection, fileName, read.Kind, existing);
        }

        return Land(connection, reference, fileName, read.Kind, sha, read.IsSynthetic, read.Records, latestWins: false, options, read.Notes);
    }

    /// <summary>
    /// Validates every record and lands the file as one batch. Within a file, two ratings with the same natural key are
    /// a mistake in a long-format file (the second is quarantined), but a resubmission in a survey export, where the
    /// respondent's latest response wins and the earlier one is kept in raw, marked superseded.
    /// </summary>
    private static IngestResult Land(DuckDBConnection connection, ReferenceIndex reference, string fileName, string kind, string sha, bool synthetic,
        List<SurveyRecord> input, bool latestWins, IngestOptions options, List<string> notes)
    {
        var validator = new RatingValidator(reference, options.Pseudonymizer);
        var records = input.Select(r => r.Record).ToList();
        var outcomes = new string[records.Count];
        var raterKeys = new string?[records.Count];
        var valid = new List<(int Index, CanonicalRating Rating)>();
        var problems = new List<RowProblem>();
        var cleaned = 0;
        for (var i = 0; i < records.Count; i++)
        {
            var result = validator.Validate(records[i]);
            raterKeys[i] = result.RaterKey;
            cleaned += result.FieldsCleaned;
            if (input[i].Refused is { } refused)
            {
                outcomes[i] = "quarantined";
                problems.Add(refused with { UnitId = result.UnitId });
            }
            else if (input[i].SkipReason is not null || result.Outcome == RatingValidator.Outcome.Skipped)
            {
                outcomes[i] = "skipped";
            }
            else if (result.Outcome == RatingValidator.Outcome.Quarantined)
            {
                outcomes[i] = "quarantined";
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

        var ratings = new List<CanonicalRating>(valid.Count);
        if (latestWins)
        {
            // A respondent (rater, unit, wave) who submitted more than once: the latest response, by date then row, wins.
            var superseded = 0;
            foreach (var group in valid.GroupBy(v => (v.Rating.RaterKey, v.Rating.UnitId, v.Rating.WaveId)))
            {
                var latestRow = group.OrderByDescending(v => v.Rating.RatedAt ?? DateTime.MinValue).ThenByDescending(v => v.Rating.SourceRow).First().Rating.SourceRow;
                foreach (var (index, rating) in group)
                {
                    if (rating.SourceRow == latestRow)
                    {
                        outcomes[index] = "loaded";
                        ratings.Add(rating);
                    }
                    else
                    {
                        outcomes[index] = "superseded";
                        superseded++;
                    }
                }
            }

            if (superseded > 0)
            {
                notes.Add($"{superseded} rating(s) of earlier submissions by the same respondent superseded by their latest (kept in raw, outcome superseded)");
            }
        }
        else
        {
            var firstRowByKey = new Dictionary<(string, string, string, string, string, string), long>();
            foreach (var (index, rating) in valid)
            {
                if (firstRowByKey.TryGetValue(rating.NaturalKey, out var first))
                {
                    outcomes[index] = "quarantined";
                    problems.Add(RowProblem.SecondRatingInFile(rating.SourceRow, rating.DimensionCode, rating.WaveId, first, rating.UnitId));
                }
                else
                {
                    firstRowByKey[rating.NaturalKey] = rating.SourceRow;
                    outcomes[index] = "loaded";
                    ratings.Add(rating);
                }
            }
        }

        foreach (var part in records.Select((r, i) => (r.Part, Outcome: outcomes[i])).Where(x => x.Part is not null).GroupBy(x => x.Part))
        {
            notes.Add($"Sheet \"{part.Key}\": read {part.Count()}, loaded {part.Count(x => x.Outcome == "loaded")}, " +
                      $"quarantined {part.Count(x => x.Outcome == "quarantined")}, skipped {part.Count(x => x.Outcome is "skipped" or "superseded")}");
        }

        var quarantined = outcomes.LongCount(o => o == "quarantined");
        var skipped = outcomes.LongCount(o => o is "skipped" or "superseded");
        using var tx = connection.BeginTransaction();
        var batchId = BatchLander.StartBatch(connection, new BatchLander.Batch(options.SourceNameOr("file"), kind, fileName, sha, synthetic), Now(options));
        BatchLander.AppendRaw(connection, batchId, records, outcomes, raterKeys);
        BatchLander.AppendQuarantine(connection, batchId, problems);
        var replaced = BatchLander.UpsertRatings(connection, batchId, ratings);
        BatchLander.FinishBatch(connection, batchId, Now(options), records.Count, ratings.Count, quarantined, skipped);
        tx.Commit();
        return new IngestResult(fileName, kind, IngestStatus.Loaded, batchId, records.Count, ratings.Count, quarantined, skipped, problems, replaced) { Notes = notes };
    }

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

        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                select r.response_key, min(r.batch_id) from raw.long_ratings r
                where r.response_key in (select response_key from temp.incoming_responses) group by r.response_key
                """;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                landed[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        Db.Execute(connection, "drop table temp.incoming_responses");
        return landed;
    }

    private static IngestResult IngestRoster(DuckDBConnection connection, string fileName, string text, string sha, IngestOptions options)
    {
        if (BatchLander.ExistingBatch(connection, sha) is { } existing)
        {
            return Already(connection, fileName, "roster", existing);
        }

        var parsed = RosterCsvReader.Read(fileName, new StringReader(text));
        var networks = ReferenceIndex.Load(connection).Networks;
        var problems = parsed.Problems.ToList();
        var good = new List<RosterRow>();
        foreach (var row in parsed.Rows)
        {
            if (!networks.Contains(row.Network))
            {
                problems.Add(new RowProblem(row.SourceRow, "network", row.Network, $"network \"{row.Network}\" is unknown (known: {string.Join(", ", networks.Order())})"));
            }
            else
            {
                good.Add(row);
            }
        }

        var quarantinedRows = problems.Select(p => p.SourceRow).Distinct().LongCount();
        using var tx = connection.BeginTransaction();
        var batchId = BatchLander.StartBatch(connection, new BatchLander.Batch(options.SourceNameOr("file"), "roster", fileName, sha, false), Now(options));
        RosterLanding.Apply(connection, good);
        BatchLander.AppendQuarantine(connection, batchId, problems);
        BatchLander.FinishBatch(connection, batchId, Now(options), parsed.RowsRead, good.Count, quarantinedRows, 0);
        tx.Commit();
        return new IngestResult(fileName, "roster", IngestStatus.Loaded, batchId, parsed.RowsRead, good.Count, quarantinedRows, 0, problems);
    }

    private static IngestResult IngestWaves(DuckDBConnection connection, string fileName, string text, string sha, IngestOptions options)
    {
        if (BatchLander.ExistingBatch(connection, sha) is { } existing)
        {
            return Already(connection, fileName, "waves", existing);
        }

        using var tx = connection.BeginTransaction();
        var batchId = BatchLander.StartBatch(connection, new BatchLander.Batch(options.SourceNameOr("file"), "waves", fileName, sha, false), Now(options));
        int count;
        try
        {
            count = ReferenceLoader.LoadWaves(connection, text);
        }
        catch (FormatException ex)
        {
            throw new PipelineInputException($"{fileName}: a date is not YYYY-MM-DD ({ex.Message}); nothing was loaded.", ex);
        }

        BatchLander.FinishBatch(connection, batchId, Now(options), count, count, 0, 0);
        tx.Commit();
        return new IngestResult(fileName, "waves", IngestStatus.Loaded, batchId, count, count, 0, 0, []);
    }

    private static IngestResult IngestFramework(DuckDBConnection connection, string fileName, byte[] bytes, string sha, IngestOptions options)
    {
        var text = Decode(fileName, bytes);
        if (!FrameworkLoader.LooksLikeDefinition(text))
        {
            throw new PipelineInputException($"{fileName}: a YAML file is ingested only as a framework definition (framework_id, levels, dimensions …); this is not one.");
        }

        var loaded = FrameworkLoader.Load(fileName, text);
        if (!loaded.IsValid)
        {
            throw new PipelineInputException(
                $"{fileName}: the framework definition has {loaded.Problems.Count} problem(s); nothing was loaded." + Environment.NewLine +
                string.Join(Environment.NewLine, loaded.Problems.Select(p => "  " + p)));
        }

        if (BatchLander.ExistingBatch(connection, sha) is { } existing)
        {
            return Already(connection, fileName, "framework", existing);
        }

        var f = loaded.Framework!;
        if (!ReferenceIndex.Load(connection).Networks.Contains(f.Network))
        {
            throw new PipelineInputException($"{fileName}: network \"{f.Network}\" is unknown; add the network first.");
        }

        var count = f.AllDescriptors.Count();
        using var tx = connection.BeginTransaction();
        var batchId = BatchLander.StartBatch(connection, new BatchLander.Batch(options.SourceNameOr("file"), "framework", fileName, sha, false), Now(options));
        ReferenceLoader.LoadFramework(connection, f);
        BatchLander.FinishBatch(connection, batchId, Now(options), count, count, 0, 0);
        tx.Commit();
        return new IngestResult(fileName, "framework", IngestStatus.Loaded, batchId, count, count, 0, 0, []);
    }

    private static IngestResult Already(DuckDBConnection connection, string fileName, string kind, long batchId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "select rows_read, rows_loaded, rows_quarantined, rows_skipped from ops.ingest_batches where batch_id = $1";
        command.Parameters.Add(new DuckDBParameter(batchId));
        using var reader = command.ExecuteReader();
        reader.Read();
        return new IngestResult(fileName, kind, IngestStatus.AlreadyIngested, batchId,
            reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), []);
    }

    private static DateTime Now(IngestOptions options) => options.Clock.GetUtcNow().UtcDateTime;

    /// <summary>The file's text; byte-order marks are dropped wherever they are (two exports joined with cat leave one mid-file).</summary>
    private static string Decode(string fileName, byte[] bytes)
    {
        var text = DecodeText(fileName, bytes);
        return text.Contains('\uFEFF', StringComparison.Ordinal) ? text.Replace("\uFEFF", "", StringComparison.Ordinal) : text;
    }

    private static string DecodeText(string fileName, byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith(Encoding.Unicode.Preamble))
        {
            return new UnicodeEncoding(bigEndian: false, byteOrderMark: true, throwOnInvalidBytes: true).GetString(bytes, 2, bytes.Length - 2);
        }

        if (bytes.AsSpan().StartsWith(Encoding.BigEndianUnicode.Preamble))
        {
            return new UnicodeEncoding(bigEndian: true, byteOrderMark: true, throwOnInvalidBytes: true).GetString(bytes, 2, bytes.Length - 2);
        }

        try
        {
            // BOM-aware (UTF-8, and UTF-16 as Qualtrics writes TSV); strict so that a Latin-1 file is refused rather than silently garbled.
            var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
            var offset = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? 3 : 0;
            return encoding.GetString(bytes, offset, bytes.Length - offset);
        }
        catch (DecoderFallbackException ex)
        {
            throw new PipelineInputException($"{fileName}: the file is not UTF-8 (byte {ex.Index} cannot be read); save it as UTF-8 CSV and ingest again.", ex);
        }
    }

    private static List<string> FirstHeader(string text)
    {
        using var reader = new StringReader(text);
        string? line;
        while ((line = reader.ReadLine()) is not null && line.StartsWith('#'))
        {
        }

        return (line ?? "").Split(',').Select(h => h.Trim().Trim('"').ToLowerInvariant()).ToList();
    }
}
