using System.Text.Json;

namespace ResearchPipeline.Jobs.Cli;

/// <summary>Prints query results as an aligned table, CSV (formulas neutralized) or JSON.</summary>
internal static class QueryFormatter
{
    public static void Write(TextWriter output, string format, List<string> names, List<string[]> rows)
    {
        switch (format)
        {
            case "csv":
                output.WriteLine(string.Join(',', names.Select(Csv)));
                foreach (var row in rows)
                {
                    output.WriteLine(string.Join(',', row.Select(Csv)));
                }

                break;
            case "json":
                var objects = rows.Select(r => names.Select((n, i) => (n, r[i])).ToDictionary(x => x.n, x => x.Item2)).ToList();
                output.WriteLine(JsonSerializer.Serialize(objects));
                break;
            default:
                var widths = names.Select((n, i) => Math.Min(60, Math.Max(n.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length)))).ToList();
                string Line(IEnumerable<string> cells) => string.Join(" | ", cells.Select((c, i) => (c.Length > widths[i] ? c[..(widths[i] - 1)] + "…" : c).PadRight(widths[i]))).TrimEnd();
                output.WriteLine(Line(names));
                output.WriteLine(string.Join("-+-", widths.Select(w => new string('-', w))));
                foreach (var row in rows)
                {
                    output.WriteLine(Line(row));
                }

                output.WriteLine($"({rows.Count} row{(rows.Count == 1 ? "" : "s")})");
                break;
        }
    }

    /// <summary>Quoted when needed; a leading = + - @ is prefixed with ' so spreadsheets do not run it as a formula.</summary>
    public static string Csv(string value)
    {
        var isNumber = double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);
        var v = !isNumber && value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return v.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;
    }

}
