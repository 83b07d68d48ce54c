using System.Globalization;
using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Models;

namespace ResearchPipeline.Ingest.LongFormat;

/// <summary>
/// Reads the canonical long format (spec section 4) from CSV. Leading lines starting with '#' are
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

    public sealed record Result(List<LongRecord> Records, bool IsSynthetic);

    public static Result Read(string fileName, TextReader text)
    {
        var notes = 0;
        var synthetic = false;
        while (text.Peek() == '#')
        {
            var line = text.ReadLine() ?? "";
            synthetic |= line.StartsWith(SyntheticMarker, StringComparison.OrdinalIgnoreCase);
            notes++;
        }

        using var csv = CsvText.Open(text);
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

        var present = Columns.ToDictionary(c => c, c => header.IndexOf(c));
        var records = new List<LongRecord>();
        while (csv.Read())
        {
            if (CsvText.IsBlankRecord(csv))
            {
                continue;
            }

            string F(string c) => CsvText.Field(csv, present[c]);
            records.Add(new LongRecord(csv.RowNumber + 1 + notes, F("network").Trim(), F("framework").Trim(), F("wave").Trim(),
                F("unit").Trim(), F("role").Trim(), F("rater").Trim(), F("dimension").Trim(), F("level"), F("rated_at").Trim(),
                F("is_consensus").Trim(), F("comment")));
        }

        return new Result(records, synthetic);
    }
}
