using System.Security.Cryptography;
using System.Text;
using DuckDB.NET.Data;
using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Ingest.LongFormat;
using ResearchPipeline.Ingest.Roster;
using ResearchPipeline.Models;
using ResearchPipeline.Models.Frameworks;

namespace ResearchPipeline.Ingest;

/// <summary>
/// The one landing path: detect what a file is, read it, validate every record, land it as one batch.
/// Files that cannot be read as a whole are refused with <see cref="PipelineInputException"/> and change nothing.
/// </summary>
public static class IngestService
{
    public static IngestResult IngestFile(DuckDBConnection connection, string path, IngestOptions options)
    {
        var fileName = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            throw new PipelineInputException($"{path}: no such file.");
        }

        var bytes = File.ReadAllBytes(path);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".yaml" or ".yml" => IngestFramework(connection, fileName, bytes, sha, options),
            ".csv" => IngestCsv(connection, fileName, bytes, sha, options),
            _ => throw new PipelineInputException(
                $"{fileName}: cannot ingest \"{extension}\" files yet (supported: .csv in the long or roster format, .yaml framework definitions)."),
        };
    }

    private static IngestResult IngestCsv(DuckDBConnection connection, string fileName, byte[] bytes, string sha, IngestOptions options)
    {
        var text = Decode(fileName, bytes);
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
        var validator = new RatingValidator(ReferenceIndex.Load(connection), options.Pseudonymizer);
        var records = parsed.Records;
        var outcomes = new string[records.Count];
        var raterKeys = new string?[records.Count];
        var ratings = new List<CanonicalRating>(records.Count);
        var problems = new List<RowProblem>();
        var firstRowByKey = new Dictionary<(string, string, string, string, string, string), long>();
        long skipped = 0, quarantined = 0;
        for (var i = 0; i < records.Count; i++)
        {
            var result = validator.Validate(records[i]);
            raterKeys[i] = result.RaterKey;
            switch (result.Outcome)
            {
                case RatingValidator.Outcome.Skipped:
                    outcomes[i] = "skipped";
                    skipped++;
                    break;
                case RatingValidator.Outcome.Quarantined:
                    outcomes[i] = "quarantined";
                    quarantined++;
                    problems.AddRange(result.Problems);
                    break;
                default:
                    var rating = result.Rating!;
                    if (firstRowByKey.TryGetValue(rating.NaturalKey, out var first))
                    {
                        outcomes[i] = "quarantined";
                        quarantined++;
                        problems.Add(new RowProblem(rating.SourceRow, null, null,
                            $"same rater, unit, role, {rating.DimensionCode} and wave {rating.WaveId} as row {first}: a file may rate each once", rating.UnitId));
                    }
                    else
                    {
                        firstRowByKey[rating.NaturalKey] = rating.SourceRow;
                        outcomes[i] = "loaded";
                        ratings.Add(rating);
                    }

                    break;
            }
        }

        using var tx = connection.BeginTransaction();
        var batchId = BatchLander.StartBatch(connection, new BatchLander.Batch(options.SourceName, "long", fileName, sha, parsed.IsSynthetic), Now(options));
        BatchLander.AppendRaw(connection, batchId, records, outcomes, raterKeys);
        BatchLander.AppendQuarantine(connection, batchId, problems);
        var superseded = BatchLander.UpsertRatings(connection, batchId, ratings);
        BatchLander.FinishBatch(connection, batchId, Now(options), records.Count, ratings.Count, quarantined, skipped);
        tx.Commit();
        return new IngestResult(fileName, "long", IngestStatus.Loaded, batchId, records.Count, ratings.Count, quarantined, skipped, problems, superseded);
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
        var batchId = BatchLander.StartBatch(connection, new BatchLander.Batch(options.SourceName, "roster", fileName, sha, false), Now(options));
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
        var batchId = BatchLander.StartBatch(connection, new BatchLander.Batch(options.SourceName, "waves", fileName, sha, false), Now(options));
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
        var batchId = BatchLander.StartBatch(connection, new BatchLander.Batch(options.SourceName, "framework", fileName, sha, false), Now(options));
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

    private static string Decode(string fileName, byte[] bytes)
    {
        try
        {
            // BOM-aware; strict so that a Latin-1 file is refused rather than silently garbled.
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
