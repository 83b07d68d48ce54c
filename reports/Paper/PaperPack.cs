using System.Globalization;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using Plotly.NET;
using Plotly.NET.CSharp;
using ResearchPipeline.Reports.Html;
using static ResearchPipeline.Reports.Query;
using static ResearchPipeline.Warehouse.Db;
using Chart = Plotly.NET.CSharp.Chart;

namespace ResearchPipeline.Reports.Paper;

/// <summary>
/// The conference paper pack: a folder paper/&lt;name&gt;/ with each chosen figure as a self-contained HTML file (its
/// data table included) and as a static SVG and 300 dpi PNG (<see cref="StaticFigure"/>), each chosen table as CSV,
/// Markdown and LaTeX (<see cref="PaperTables"/>), partnerships pseudonymized, and manifest.json with the paper spec,
/// the snapshot hash, framework version, pipeline version, the SQL behind every number and every file's SHA-256.
/// Nothing in the tables or the manifest depends on when it was built: the same snapshot gives the same bytes.
/// </summary>
public static class PaperPack
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public sealed record Result(string Folder, IReadOnlyList<string> Files);

    /// <summary>
    /// The paper's salt for pseudonym numbers: an HMAC of its name under the warehouse's pseudonym key. Without the key
    /// the numbering cannot be redone from the roster; with it, a rebuild numbers the partnerships the same way.
    /// </summary>
    public static string SaltFor(byte[] pseudonymKey, string paperName) =>
        Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(pseudonymKey, System.Text.Encoding.UTF8.GetBytes("paper pseudonyms: " + paperName)));

    public static Result Write(DuckDBConnection c, PaperSpec spec, ReportContext context, string salt)
    {
        var framework = Rows(c, "select version, name from research.frameworks where framework_id = $1", spec.FrameworkId).SingleOrDefault()
            ?? throw new Models.PipelineInputException($"framework {spec.FrameworkId} (paper spec {spec.Name}) is not in the snapshot.");
        var folder = Path.Combine(context.OutputDirectory, "paper", spec.Name);
        var files = new List<string>();
        var items = new List<object>();
        var batches = Rows(c, "select coalesce(bool_or(is_synthetic), false), max(last_landed_at) from marts.data_as_of where framework_id = $1", spec.FrameworkId)[0];
        var synthetic = batches[0] is true;
        var asOf = batches[1] as DateTime?;
        var levels = Rows(c, "select progress_rank, label from research.levels where framework_id = $1 order by progress_rank", spec.FrameworkId).Select(r => (Int(r[0]), Str(r[1]))).ToList();
        foreach (var name in spec.Tables.Concat(spec.Figures).Distinct())
        {
            var (title, sql) = PaperItems.All[name];
            var (columns, rows) = Table(c, sql, spec.FrameworkId, salt);
            var written = new List<string>();
            if (spec.Tables.Contains(name))
            {
                written.Add(Save(folder, $"tables/{name}.csv", PaperTables.Csv(columns, rows)));
                written.Add(Save(folder, $"tables/{name}.md", PaperTables.Markdown(title, columns, rows, synthetic)));
                written.Add(Save(folder, $"tables/{name}.tex", PaperTables.Latex(title, name, columns, rows, synthetic)));
            }

            if (spec.Figures.Contains(name))
            {
                var page = Figure(name, title, columns, rows, levels, spec.FrameworkId, Str(framework[0]), context, synthetic, asOf);
                written.Add(ReportFile.Write(context.OutputDirectory, Path.Combine("paper", spec.Name, "figures", $"{name}.html"), page));
                var drawn = StaticFigure.Draw(name, columns, rows, levels, synthetic);
                written.Add(Save(folder, $"figures/{name}.svg", drawn.Svg));
                written.Add(SaveBytes(folder, $"figures/{name}.png", drawn.Png));
            }

            files.AddRange(written);
            items.Add(new { name, title, files = written.Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).ToArray(), sql = sql.Trim(), parameters = sql.Contains("$2", StringComparison.Ordinal) ? new[] { spec.FrameworkId, "(the paper's salt: not in this pack)" } : new[] { spec.FrameworkId } });
        }

        if (spec.Tables.Count > 0)
        {
            files.Add(Save(folder, "tables/tables.tex", PaperTables.Document(spec.Name, spec.Tables.Distinct())));
        }

        // Every file with its hash, so that a copy of the pack can be checked against its manifest.
        var hashes = files.Select(f => new { path = Path.GetRelativePath(folder, f).Replace('\\', '/'), sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))), bytes = new FileInfo(f).Length })
            .OrderBy(f => f.path, StringComparer.Ordinal).ToArray();
        var manifest = JsonSerializer.Serialize(new
        {
            name = spec.Name,
            spec = new { name = spec.Name, framework = spec.FrameworkId, figures = spec.Figures, tables = spec.Tables },
            framework_id = spec.FrameworkId,
            framework_version = Str(framework[0]),
            snapshot_sha256 = context.SnapshotHash,
            pipeline_version = context.PipelineVersion,
            synthetic_sample_data = synthetic,
            pseudonyms = "Partnerships are P01, P02 … numbered in the order of sha256($2 || unit_id), $2 a salt derived from the warehouse's pseudonym key; the salt is not in this pack.",
            rebuild = $"rp report paper --spec <this spec> against the snapshot with SHA-256 {context.SnapshotHash}; every SQL below runs on that snapshot with $1 = {spec.FrameworkId}.",
            items,
            files = hashes,
        }, Indented);
        files.Add(Save(folder, "manifest.json", manifest + "\n"));
        return new Result(folder, files);
    }

    private static (List<string> Columns, List<string[]> Rows) Table(DuckDBConnection c, string sql, string frameworkId, string salt)
    {
        using var command = c.CreateCommand();
        command.CommandText = sql;
        command.Parameters.Add(new DuckDBParameter(frameworkId));
        if (sql.Contains("$2", StringComparison.Ordinal))
        {
            command.Parameters.Add(new DuckDBParameter(salt));
        }

        using var reader = command.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Cell(reader.GetValue(i))).ToArray());
        }

        return (columns, rows);
    }

    private static string Cell(object value) => value switch
    {
        double d => d.ToString("0.###", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.###", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Figure(string name, string title, List<string> columns, List<string[]> rows, List<(int Rank, string Label)> levels, string frameworkId,
        string frameworkVersion, ReportContext context, bool synthetic, DateTime? asOf)
    {
        var w = new HtmlWriter();
        w.Element("h1", title);
        w.Element("p", "Partnerships are pseudonymized (P01 …). The numbers are in the table under the figure and in tables/ of this pack.", "note");
        int Col(string column) => columns.IndexOf(column);
        double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
        switch (name)
        {
            case "stage_distribution":
                var waves = rows.Select(r => r[Col("wave")]).Distinct().ToArray();
                var stages = rows.Select(r => r[Col("stage")]).Distinct().Order(StringComparer.Ordinal).ToList();
                w.Raw(PlotlyScript.Fragment(Chart.Combine(stages.Select(s => Chart.StackedColumn<double, string, string>(
                        values: waves.Select(wave => rows.Where(r => r[Col("wave")] == wave && r[Col("stage")] == s).Select(r => D(r[Col("n")])).DefaultIfEmpty(0).Sum()).ToArray(),
                        Keys: waves, Name: $"stage {s}", MarkerColor: Color.fromString(Palette.Stage(int.Parse(s, CultureInfo.InvariantCulture), levels.Count))))).WithSize(Width: 900, Height: 420), name,
                    $"Partnership × objective stages per wave, {waves[0]} to {waves[^1]}, stacked by stage: " +
                    string.Join("; ", waves.Select(wave => $"{wave} " + string.Join("/", stages.Select(s => rows.Where(r => r[Col("wave")] == wave && r[Col("stage")] == s).Select(r => D(r[Col("n")])).DefaultIfEmpty(0).Sum().ToString(CultureInfo.InvariantCulture))))) +
                    $" (stages {string.Join("/", stages)})."));
                break;
            case "transitions":
                var latest = rows.Select(r => r[Col("to_wave")]).Max(StringComparer.Ordinal);
                w.Element("p", $"Into {latest}, from each partnership's previous rated wave.", "note");
                w.Raw(SankeyChart.Html(name, levels, rows.Where(r => r[Col("to_wave")] == latest).Select(r => (int.Parse(r[Col("from_stage")], CultureInfo.InvariantCulture), int.Parse(r[Col("to_stage")], CultureInfo.InvariantCulture), int.Parse(r[Col("n")], CultureInfo.InvariantCulture))).ToList()));
                break;
            case "trajectories":
                w.Raw(PlotlyScript.Fragment(Chart.Combine(rows.GroupBy(r => r[Col("partnership")]).Select((g, i) => Chart.Line<string, double, string>(
                        x: g.Select(r => r[Col("wave")]).ToArray(), y: g.Select(r => D(r[Col("mean_stage")])).ToArray(), Name: g.Key, ShowMarkers: true, MarkerColor: Color.fromString(Palette.Series(i)))))
                    .WithSize(Width: 900, Height: 460).WithYAxisStyle<double, double, string>(TitleText: "mean stage", MinMax: new Tuple<double, double>(1, 4)), name,
                    $"Mean stage per pseudonymized partnership and wave: {rows.Select(r => r[Col("partnership")]).Distinct().Count()} partnerships, from {rows.Min(r => D(r[Col("mean_stage")])).ToString("0.00", CultureInfo.InvariantCulture)} to {rows.Max(r => D(r[Col("mean_stage")])).ToString("0.00", CultureInfo.InvariantCulture)}."));
                break;
            default:
                var valid = rows.Where(r => r[Col("alpha_ordinal")].Length > 0).ToList();
                w.Raw(PlotlyScript.Fragment(Chart.Point<string, double, string>(x: valid.Select(r => r[Col("wave")]).ToArray(), y: valid.Select(r => D(r[Col("alpha_ordinal")])).ToArray(), Name: "partnership × wave")
                    .WithSize(Width: 900, Height: 420).WithYAxisStyle<double, double, string>(TitleText: "Krippendorff's alpha (ordinal)"), name,
                    valid.Count == 0 ? "No partnership × wave has a defined alpha."
                        : $"Krippendorff's alpha (ordinal) per partnership and wave: {valid.Count} values from {valid.Min(r => D(r[Col("alpha_ordinal")])).ToString("0.00", CultureInfo.InvariantCulture)} to {valid.Max(r => D(r[Col("alpha_ordinal")])).ToString("0.00", CultureInfo.InvariantCulture)}."));
                break;
        }

        w.Element("p", $"For a manuscript: figures/{name}.svg and figures/{name}.png (300 dpi, 6.5 × 4 in) in this pack draw the same numbers without a browser.", "note");
        w.Table(title, columns.Select(PaperItems.Header).ToList(), rows.Select(r => (IReadOnlyList<string?>)r));
        return w.Page(title, ReportFile.Stamps(asOf, frameworkId, frameworkVersion, context, synthetic, "paper pack"), synthetic, context.SharedPlotly);
    }

    private static string SaveBytes(string folder, string relative, byte[] bytes)
    {
        var path = Path.Combine(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static string Save(string folder, string relative, string text)
    {
        var path = Path.Combine(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }
}
