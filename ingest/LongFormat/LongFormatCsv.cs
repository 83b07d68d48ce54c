using System.Globalization;
using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Models;

namespace ResearchPipeline.Ingest.LongFormat;

/// <summary>
/// Reads the canonical long format from CSV. Leading lines starting with '#' are
/// file notes (the sample generator marks its files synthetic that way); row numbers still count them,
/// so they match what a spreadsheet shows.
/// </summary>
public static class LongFormatCsv
{
    public static readonly string[] Columns =
        ["network", "framework", "wave", "unit", "role", "rater", "dimension", "level", "rated_at", "is_consensus", "comment"];

    public const string SyntheticMarker = "# synthetic sample data";

    private static readonly string[] Identifying = ["unit", "role", "dimension", "level"];

    private static readonly string[] Required = ["unit", "role", "rater", "dimension", "level"];

    public static bool IsLongHeader(IReadOnlyList<string> header) =>
        Identifying.All(c => header.Contains(c, StringComparer.OrdinalIgnoreCase)) &&
        (header.Contains("framework", StringComparer.OrdinalIgnoreCase) || header.Contains("network", StringComparer.OrdinalIgnoreCase));

    /// <summary>
    /// The records read, by position: <paramref name="Refused"/> holds the rows that cannot be read as a whole (a ragged
    /// row), <paramref name="Skipped"/> the lines that are not ratings (the header repeated where two files were joined).
    /// </summary>
    public sealed record Result(List<LongRecord> Records, bool IsSynthetic, Dictionary<int, RowProblem> Refused, Dictionary<int, string> Skipped);

    /// <summary>The row's field count, not counting empty fields beyond the header's width (a trailing comma loses nothing).</summary>
    private static int TrimmedWidth(CsvHelper.CsvReader csv, int headerWidth)
    {
        var width = csv.FieldCount;
        while (width > headerWidth && csv.GetString(width - 1).Trim().Length == 0)
        {
            width--;
        }

        return width;
    }

    /// <summary>True when the row repeats the header (two files joined); stops at the first field that differs.</summary>
    private static bool IsHeaderAgain(CsvHelper.CsvReader csv, List<string> header)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (!string.Equals(csv.GetString(i).Trim(), header[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The file notes before the header, and the header's columns (trimmed, lower case) with each canonical column's position (-1 when absent).</summary>
    public sealed record Header(int Notes, bool IsSynthetic, List<string> Columns, Dictionary<string, int> Present);

    /// <summary>Reads the '#' note lines and the header row, and refuses a header that lacks what the long format needs.</summary>
    public static Header ReadHeader(string fileName, TextReader text, out CsvHelper.CsvReader csv)
    {
        var notes = 0;
        var synthetic = false;
        while (text.Peek() == '#')
        {
            var line = text.ReadLine() ?? "";
            synthetic |= line.StartsWith(SyntheticMarker, StringComparison.OrdinalIgnoreCase);
            notes++;
        }

        csv = CsvText.Open(text);
        csv.ReadHeader();
        if (csv.Headers.Count == 0)
        {
            throw new PipelineInputException($"{fileName}: the file is empty (expected a header row with {string.Join(", ", Columns)}).");
        }

        var header = csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
        var missing = Required.Where(c => !header.Contains(c)).ToList();
        if (!header.Contains("wave") && !header.Contains("rated_at"))
        {
            missing.Add("wave or rated_at");
        }

        if (!header.Contains("framework") && !header.Contains("network"))
        {
            missing.Add("framework or network");
        }

        if (missing.Count > 0)
        {
            throw new PipelineInputException(
                $"{fileName} row {notes + 1}: the header lacks {string.Join(", ", missing)} (long format columns: {string.Join(", ", Columns)}).");
        }

        var duplicate = header.GroupBy(h => h).FirstOrDefault(g => g.Count() > 1 && Columns.Contains(g.Key));
        if (duplicate is not null)
        {
            throw new PipelineInputException($"{fileName} row {notes + 1}: the header has the column \"{duplicate.Key}\" twice.");
        }

        return new Header(notes, synthetic, header, Columns.ToDictionary(c => c, c => header.IndexOf(c)));
    }

    public static Result Read(string fileName, TextReader text)
    {
        var (notes, synthetic, header, present) = ReadHeader(fileName, text, out var reader);
        using var csv = reader;
        var records = new List<LongRecord>();
        var refused = new Dictionary<int, RowProblem>();
        var skipped = new Dictionary<int, string>();
        while (csv.Read())
        {
            if (CsvText.IsBlankRecord(csv))
            {
                continue;
            }

            var row = csv.RowNumber + 1 + notes;
            string F(string c) => CsvText.Field(csv, present[c]);
            records.Add(new LongRecord(row, F("network").Trim(), F("framework").Trim(), F("wave").Trim(),
                F("unit").Trim(), F("role").Trim(), F("rater").Trim(), F("dimension").Trim(), F("level"), F("rated_at").Trim(),
                F("is_consensus").Trim(), F("comment")));
            var width = TrimmedWidth(csv, header.Count);
            if (width == header.Count && IsHeaderAgain(csv, header))
            {
                skipped[records.Count - 1] = "the header row again (two files joined?)";
            }
            else if (width != header.Count)
            {
                refused[records.Count - 1] = new RowProblem(row, null, null,
                    $"the row has {width} fields where the header has {header.Count}: a field was lost or split (an unquoted comma?); nothing in this row was loaded");
            }
        }

        if (records.Count == skipped.Count)
        {
            throw new PipelineInputException($"{fileName}: the file has its header row but no ratings; nothing to load.");
        }

        return new Result(records, synthetic, refused, skipped);
    }
}
