using System.Text;
using ResearchPipeline.Ingest.LongFormat;
using ResearchPipeline.Ingest.Roster;
using ResearchPipeline.Ingest.Surveys;
using ResearchPipeline.Models;

namespace ResearchPipeline.Ingest.Landing;

/// <summary>
/// The first stage of the landing path: what a file is, from its extension, its first bytes and its header row (and
/// the mapping, for a survey export). A file that is none of the known layouts is refused here, saying what was expected.
/// </summary>
public static class FileDetector
{
    public static readonly string[] WorkbookExtensions = [".xlsx", ".xlsm", ".xls"];

    /// <summary>Cheap check for the set-based path: text whose first row is the long-format header (reads 64 KiB at most).</summary>
    public static bool IsLongFormatCsv(string path)
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

        return LongFormatCsv.IsLongHeader(TextDecoding.FirstHeader(Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF')));
    }

    /// <summary>The CSV layout a first header row names (roster, waves, long format), or null: the one place a header says what a file is.</summary>
    public static FileLayout? LayoutOfHeader(IReadOnlyList<string> header) =>
        RosterCsvReader.IsRosterHeader(header) ? FileLayout.Roster
        : ReferenceLoader.IsWavesHeader(header) ? FileLayout.Waves
        : LongFormatCsv.IsLongHeader(header) ? FileLayout.LongFormat
        : null;

    /// <summary>The layout of a file whose bytes matched its extension (<see cref="FileSniffer.EnsureMatches"/>); text layouts get their text.</summary>
    public static (FileLayout Layout, IncomingFile File) Detect(IncomingFile file, string extension, SurveyMapping? mapping)
    {
        var fileName = file.FileName;
        if (WorkbookExtensions.Contains(extension))
        {
            // A survey tool's Excel download, read through its mapping like the CSV; any other workbook is a workbook.
            return mapping is { Kind: not ("workbook" or "long") }
                ? (FileLayout.SurveyExport, file with { Text = SurveyDownload.AsCsv(fileName, file.Bytes, mapping.Format?.Name ?? "survey") })
                : (FileLayout.Workbook, file);
        }

        if (mapping is not null)
        {
            return extension is ".csv" or ".tsv" or ".txt"
                ? (FileLayout.SurveyExport, file with { Text = TextDecoding.Decode(fileName, file.Bytes) })
                : throw new PipelineInputException($"{fileName}: a survey export is a .csv, .tsv or .xlsx file; \"{extension}\" is not one.");
        }

        if (extension is ".yaml" or ".yml")
        {
            return (FileLayout.Framework, file with { Text = TextDecoding.Decode(fileName, file.Bytes) });
        }

        if (extension != ".csv")
        {
            throw new PipelineInputException(
                $"{fileName}: cannot ingest \"{extension}\" files (supported: .csv in the long, roster or waves format; survey exports .csv/.tsv with a mapping; .xlsx workbooks; .yaml framework definitions).");
        }

        var text = TextDecoding.Decode(fileName, file.Bytes);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new PipelineInputException(
                $"{fileName}: the file is empty (no header row, no data): expected the long format ({string.Join(",", LongFormatCsv.Columns)}), a roster or waves file, or a survey export with --mapping.");
        }

        var header = TextDecoding.FirstHeader(text);
        if (LayoutOfHeader(header) is { } known)
        {
            return (known, file with { Text = text });
        }

        if (SurveyFormats.Detect(SurveyTable.Parse(fileName, text)) is { } survey)
        {
            throw new PipelineInputException(
                $"{fileName}: this looks like a {survey.Name} export; say which columns hold what with --mapping MAPPING.yaml " +
                "(or put it beside the file as <name>.mapping.yaml).");
        }

        // What the first row holds is not repeated: in a file without its header row it is a person's data.
        var knownColumns = header.Select(h => h.Trim().ToLowerInvariant()).Where(h => LongFormatCsv.Columns.Contains(h) || RosterCsvReader.Columns.Contains(h)).ToList();
        throw new PipelineInputException(
            $"{fileName} row 1: not a file this pipeline knows: expected the long format header ({string.Join(",", LongFormatCsv.Columns)}) " +
            $"or the roster header ({string.Join(",", RosterCsvReader.Columns)}); its first row has {header.Count} column(s), " +
            (knownColumns.Count == 0 ? "none of them a column name this pipeline knows (is the header row missing?)." : $"of which only {string.Join(", ", knownColumns)} are known."));
    }
}
