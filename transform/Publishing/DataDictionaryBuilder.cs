using System.Globalization;
using System.Net;
using System.Text;
using DuckDB.NET.Data;
using ResearchPipeline.Transform.Runner;

namespace ResearchPipeline.Transform.Publishing;

/// <summary>
/// The data dictionary: every table and column of the published schemas, read from the snapshot itself, with the
/// descriptions declared next to the models (transform/sql/*/_*.yml) and the landed tables (transform/sql/_sources.yml).
/// </summary>
public static class DataDictionaryBuilder
{
    public static readonly string[] PublicSchemas = ["research", "marts", "core", "ops"];

    public static List<DictionaryEntry> Read(DuckDBConnection snapshot, IReadOnlyList<SqlModel> models, IReadOnlyList<SourceTable> sources)
    {
        var modelBy = models.ToDictionary(m => m.Relation, StringComparer.Ordinal);
        var sourceBy = sources.ToDictionary(s => s.Table, StringComparer.Ordinal);
        string? ColumnDescription(string relation, string column, int depth = 0)
        {
            if (modelBy.TryGetValue(relation, out var model))
            {
                return model.ColumnDescriptions.GetValueOrDefault(column)
                    ?? (model.ColumnsFrom is { } from && depth < 3 ? ColumnDescription(from, column, depth + 1) : null);
            }

            return sourceBy.TryGetValue(relation, out var source) ? source.ColumnDescriptions.GetValueOrDefault(column) : null;
        }

        var entries = new List<DictionaryEntry>();
        using var command = snapshot.CreateCommand();
        command.CommandText = """
            select c.table_schema, c.table_name, case t.table_type when 'VIEW' then 'view' else 'table' end,
                   cast(c.ordinal_position as integer), c.column_name, c.data_type
            from information_schema.columns c
            join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
            where c.table_schema in ('research', 'marts', 'core', 'ops')
            order by case c.table_schema when 'research' then 1 when 'marts' then 2 when 'core' then 3 else 4 end,
                     c.table_name, c.ordinal_position
            """;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var relation = reader.GetString(0) + "." + reader.GetString(1);
            modelBy.TryGetValue(relation, out var model);
            sourceBy.TryGetValue(relation, out var source);
            entries.Add(new DictionaryEntry(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                model?.Description ?? source?.Description ?? "",
                model is null ? source?.Source : model.Source ?? (model.ColumnsFrom is { } from ? $"View over {from} (transform/sql/{model.Layer}/{model.Name}.sql)." : Lineage(model)),
                reader.GetInt32(3),
                reader.GetString(4),
                reader.GetString(5),
                ColumnDescription(relation, reader.GetString(4))));
        }

        return entries;
    }

    public static string Markdown(IReadOnlyList<DictionaryEntry> entries, string header)
    {
        var md = new StringBuilder();
        md.AppendLine("# Data dictionary: ResearchPipeline published snapshot").AppendLine();
        md.AppendLine(header).AppendLine();
        md.AppendLine("| table | kind | columns | what it holds |").AppendLine("|---|---|---|---|");
        foreach (var t in entries.GroupBy(e => e.Relation))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| [`{t.Key}`](#{Anchor(t.Key)}) | {t.First().Kind} | {t.Count()} | {Cell(t.First().TableDescription)} |");
        }

        foreach (var t in entries.GroupBy(e => e.Relation))
        {
            var first = t.First();
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"## {t.Key}").AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"{first.Kind}. {first.TableDescription}").AppendLine();
            if (first.TableSource is { } src)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"Source: {src}").AppendLine();
            }

            md.AppendLine("| column | type | description |").AppendLine("|---|---|---|");
            foreach (var c in t)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| `{c.Column}` | {c.DataType} | {Cell(c.ColumnDescription ?? "(no description)")} |");
            }
        }

        return md.ToString();
    }

    public static string Html(IReadOnlyList<DictionaryEntry> entries, string header)
    {
        static string H(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.AppendLine("<title>Data dictionary: ResearchPipeline published snapshot</title><style>");
        html.AppendLine("body{font:15px/1.45 system-ui,sans-serif;max-width:1100px;margin:2rem auto;padding:0 1rem;color:#1d2733}");
        html.AppendLine("table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border-bottom:1px solid #d8dee6;padding:.3rem .5rem;text-align:left;vertical-align:top}");
        html.AppendLine("th{background:#f2f5f8}code{font-family:ui-monospace,monospace;font-size:.93em}h2{margin-top:2rem;border-top:2px solid #2f5d8a;padding-top:.6rem}");
        html.AppendLine(".meta{color:#4a5868}.missing{color:#b00020;font-weight:600}@media print{h2{break-before:auto}}</style></head><body>");
        html.AppendLine("<h1>Data dictionary: ResearchPipeline published snapshot</h1>");
        html.AppendLine(CultureInfo.InvariantCulture, $"<p class=\"meta\">{H(header)}</p>");
        html.AppendLine("<table><thead><tr><th>table</th><th>kind</th><th>columns</th><th>what it holds</th></tr></thead><tbody>");
        foreach (var t in entries.GroupBy(e => e.Relation))
        {
            html.AppendLine(CultureInfo.InvariantCulture, $"<tr><td><a href=\"#{Anchor(t.Key)}\"><code>{H(t.Key)}</code></a></td><td>{t.First().Kind}</td><td>{t.Count()}</td><td>{H(t.First().TableDescription)}</td></tr>");
        }

        html.AppendLine("</tbody></table>");
        foreach (var t in entries.GroupBy(e => e.Relation))
        {
            var first = t.First();
            html.AppendLine(CultureInfo.InvariantCulture, $"<section id=\"{Anchor(t.Key)}\"><h2><code>{H(t.Key)}</code> <small class=\"meta\">{first.Kind}</small></h2>");
            html.AppendLine(CultureInfo.InvariantCulture, $"<p>{H(first.TableDescription)}</p>");
            if (first.TableSource is { } src)
            {
                html.AppendLine(CultureInfo.InvariantCulture, $"<p class=\"meta\">Source: {H(src)}</p>");
            }

            html.AppendLine("<table><thead><tr><th>column</th><th>type</th><th>description</th></tr></thead><tbody>");
            foreach (var c in t)
            {
                var description = c.ColumnDescription is { } d ? H(d) : "<span class=\"missing\">(no description)</span>";
                html.AppendLine(CultureInfo.InvariantCulture, $"<tr><td><code>{H(c.Column)}</code></td><td>{H(c.DataType)}</td><td>{description}</td></tr>");
            }

            html.AppendLine("</tbody></table></section>");
        }

        html.AppendLine("</body></html>");
        return html.ToString();
    }

    private static string Lineage(SqlModel model) =>
        model.DependsOn.Count == 0 ? $"transform/sql/{model.Layer}/{model.Name}.sql" : $"transform/sql/{model.Layer}/{model.Name}.sql from {string.Join(", ", model.DependsOn)}";

    private static string Anchor(string relation) => relation.Replace('.', '-');

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
