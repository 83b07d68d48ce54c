using System.Security.Cryptography;
using DuckDB.NET.Data;
using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Ingest.LongFormat;
using ResearchPipeline.Ingest.Reference;
using ResearchPipeline.Ingest.Spreadsheets;
using ResearchPipeline.Ingest.Surveys;
using ResearchPipeline.Models;

namespace ResearchPipeline.Ingest;

/// <summary>
/// The one landing path: detect what a file is (<see cref="FileDetector"/>), read it with its reader, validate every
/// record and land it as one batch (<see cref="RatingsLanding"/>, or the reference landers). Files that cannot be read
/// as a whole are refused with <see cref="PipelineInputException"/> and change nothing.
/// </summary>
public static class IngestService
{
    public static IngestResult IngestFile(DuckDBConnection connection, string path, IngestOptions options, SurveyMapping? mapping = null)
    {
        var fileName = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            throw new PipelineInputException(Directory.Exists(path) ? $"{path}: is a folder; give its files, or the folder to rp ingest." : $"{path}: no such file.");
        }

        KeyGuard.Check(connection, options.Pseudonymizer);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        string? rowByRow = null;
        string? sha = null;
        if (!options.RowByRow && extension == ".csv" && mapping is null && FileDetector.IsLongFormatCsv(path))
        {
            // The fast path for the one format that grows large: DuckDB reads the file, and SQL validates and lands it.
            var clock = new StepClock();
            var scan = TextScan.Of(path);
            clock.Lap("scan (hash, text checks)");
            if (BatchLander.AlreadyLanded(connection, fileName, scan.Sha256, SourceKind.LongFormat) is { } already)
            {
                return already;
            }

            var attempt = LongFormatBulk.TryLand(connection, Path.GetFullPath(path), scan, options, clock);
            if (attempt.Landed is { } result)
            {
                return result;
            }

            rowByRow = attempt.RowByRowBecause;
            sha = scan.Sha256;
        }

        var bytes = File.ReadAllBytes(path);
        FileSniffer.EnsureMatches(fileName, bytes, extension);
        var (layout, file) = FileDetector.Detect(new IncomingFile(fileName, bytes, sha ?? Convert.ToHexStringLower(SHA256.HashData(bytes))), extension, mapping);
        return layout switch
        {
            FileLayout.Workbook => WorkbookIngest.Land(connection, file, mapping, options),
            FileLayout.SurveyExport => SurveyIngest.Land(connection, file, mapping!, options),
            FileLayout.Framework => ReferenceIngest.Framework(connection, file, options),
            FileLayout.Roster => ReferenceIngest.Roster(connection, file, options),
            FileLayout.Waves => ReferenceIngest.Waves(connection, file, options),
            _ => LongIngest.Land(connection, file, options) with { RowByRowBecause = rowByRow },
        };
    }
}
