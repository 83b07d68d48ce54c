using System.Globalization;
using ResearchPipeline.Ingest.Landing;

using ResearchPipeline.Models;

namespace ResearchPipeline.Ingest.Roster;

/// <summary>Reads a roster CSV; every bad line becomes a <see cref="RowProblem"/>, every good one a <see cref="RosterRow"/>.</summary>
public static class RosterCsvReader
{
    public static readonly string[] Columns =
        ["network", "unit_id", "unit_name", "org_id", "org_name", "org_kind", "member_role", "valid_from", "valid_to"];

    public static bool IsRosterHeader(IReadOnlyList<string> header) =>
        Columns.All(c => header.Contains(c, StringComparer.OrdinalIgnoreCase));

    public sealed record Result(List<RosterRow> Rows, List<RowProblem> Problems, int RowsRead);

    public static Result Read(string fileName, TextReader text)
    {
        using var csv = CsvText.Open(text);
        csv.ReadHeader();
        var header = csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
        if (!IsRosterHeader(header))
        {
            throw new Models.PipelineInputException(
                $"{fileName}: not a roster CSV: the header must have the columns {string.Join(", ", Columns)}.");
        }

        var rows = new List<RosterRow>();
        var problems = new List<RowProblem>();
        var read = 0;
        while (csv.Read())
        {
            if (CsvText.IsBlankRecord(csv))
            {
                continue;
            }

            read++;
            var row = (int)csv.RowNumber + 1;
            string F(string c) => CsvText.Field(csv, header.IndexOf(c)).Trim();
            var before = problems.Count;
            foreach (var required in new[] { "network", "unit_id", "unit_name", "org_id", "org_name", "org_kind", "member_role", "valid_from" })
            {
                if (F(required).Length == 0)
                {
                    problems.Add(new RowProblem(row, required, "", $"{required} is blank"));
                }
            }

            foreach (var id in new[] { "network", "unit_id", "org_id" })
            {
                if (F(id).Length > 0 && !Ids.IsSafe(F(id)))
                {
                    problems.Add(new RowProblem(row, id, F(id), $"{id} \"{F(id)}\" may hold {Ids.Rule}"));
                }
            }

            var from = ParseDate(F("valid_from"), row, "valid_from", problems);
            var toText = F("valid_to");
            DateOnly? to = toText.Length == 0 ? null : ParseDate(toText, row, "valid_to", problems);
            if (from is not null && to is not null && to < from)
            {
                problems.Add(new RowProblem(row, "valid_to", toText, $"valid_to {toText} is before valid_from {F("valid_from")}"));
            }

            if (problems.Count == before && from is not null)
            {
                rows.Add(new RosterRow(row, F("network"), F("unit_id"), F("unit_name"), F("org_id"), F("org_name"),
                    F("org_kind").ToUpperInvariant(), F("member_role").ToUpperInvariant(), from.Value, to));
            }
        }

        return new Result(rows, problems, read);
    }

    private static DateOnly? ParseDate(string text, int row, string column, List<RowProblem> problems)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }

        problems.Add(new RowProblem(row, column, text, $"\"{text}\" is not a date (expected YYYY-MM-DD)"));
        return null;
    }
}
