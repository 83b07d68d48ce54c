using System.Text.Json;

namespace ResearchPipeline.Jobs.Cli;

/// <summary>Prints query results as an aligned table, CSV (formulas neutralized) or JSON (numbers as numbers, lists as arrays, structs as objects).</summary>
internal static class QueryFormatter
{
    public static void Write(TextWriter output, string format, IReadOnlyList<string> names, IReadOnlyList<object?[]> rows)
    {
        switch (format)
        {
            case "csv":
                output.WriteLine(string.Join(',', names.Select(n => Csv(n))));
                foreach (var row in rows)
                {
                    output.WriteLine(string.Join(',', row.Select(Csv)));
                }

                break;
            case "json":
                using (var stream = new MemoryStream())
                {
                    using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
                    {
                        json.WriteStartArray();
                        foreach (var row in rows)
                        {
                            json.WriteStartObject();
                            for (var i = 0; i < names.Count; i++)
                            {
                                json.WritePropertyName(names[i]);
                                WriteJson(json, row[i]);
                            }

                            json.WriteEndObject();
                        }

                        json.WriteEndArray();
                    }

                    output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
                }

                break;
            default:
                var text = rows.Select(r => r.Select(ValueText.Format).ToArray()).ToList();
                var widths = names.Select((n, i) => Math.Min(60, Math.Max(n.Length, text.Count == 0 ? 0 : text.Max(r => r[i].Length)))).ToList();
                string Line(IEnumerable<string> cells) => string.Join(" | ", cells.Select((c, i) => (c.Length > widths[i] ? c[..(widths[i] - 1)] + "…" : c).PadRight(widths[i]))).TrimEnd();
                output.WriteLine(Line(names));
                output.WriteLine(string.Join("-+-", widths.Select(w => new string('-', w))));
                foreach (var row in text)
                {
                    output.WriteLine(Line(row));
                }

                output.WriteLine($"({rows.Count} row{(rows.Count == 1 ? "" : "s")})");
                break;
        }
    }

    /// <summary>
    /// One CSV field, quoted when needed. Text that a spreadsheet would run as a formula (a leading = + - @, tab or
    /// carriage return) gets a leading ' so it shows as text; numbers are written as they are.
    /// </summary>
    public static string Csv(object? value)
    {
        var text = ValueText.Format(value);
        if (value is string && text.Length > 0 && "=+-@\t\r".Contains(text[0], StringComparison.Ordinal))
        {
            text = "'" + text;
        }

        return CsvField.Quote(text);
    }

    private static void WriteJson(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null or DBNull:
                json.WriteNullValue();
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case double d when double.IsFinite(d):
                json.WriteNumberValue(d);
                break;
            case decimal m:
                json.WriteNumberValue(m);
                break;
            case long or int or short or byte or sbyte or ushort or uint:
                json.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case ulong u:
                json.WriteNumberValue(u);
                break;
            case System.Numerics.BigInteger big: // HUGEINT: a JSON number of any size, written digit for digit
                json.WriteRawValue(big.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case System.Collections.IDictionary map: // STRUCT, MAP
                json.WriteStartObject();
                foreach (System.Collections.DictionaryEntry entry in map)
                {
                    json.WritePropertyName(ValueText.Format(entry.Key));
                    WriteJson(json, entry.Value);
                }

                json.WriteEndObject();
                break;
            case System.Collections.IEnumerable list and not string and not byte[]: // LIST, ARRAY
                json.WriteStartArray();
                foreach (var item in list)
                {
                    WriteJson(json, item);
                }

                json.WriteEndArray();
                break;
            case float f when float.IsFinite(f):
                json.WriteNumberValue(f);
                break;
            default:
                json.WriteStringValue(ValueText.Format(value));
                break;
        }
    }
}
