using System.Globalization;
using DuckDB.NET.Data;
using Plotly.NET;
using Plotly.NET.CSharp;
using ResearchPipeline.Reports.Html;
using static ResearchPipeline.Reports.Query;
using static ResearchPipeline.Warehouse.Db;
using Chart = Plotly.NET.CSharp.Chart;

namespace ResearchPipeline.Reports.Ic;

/// <summary>
/// The IC-map report for one TXNSI team and wave: the team's level per role × outcome (Level 1 =
/// Ideal, as the maps number it), its movement over the waves, and the network's level distribution per role ×
/// outcome (no other team named; cells from fewer than min_cell_size teams suppressed).
/// </summary>
public static class IcReport
{
    public static string RelativePath(string unitId, string waveId) => Path.Combine("ic", $"{unitId}-{waveId}.html");

    public static string Write(DuckDBConnection c, string unitId, string waveId, ReportContext context) =>
        ReportFile.Write(context.OutputDirectory, RelativePath(unitId, waveId), Render(c, unitId, waveId, context));

    internal static string Render(DuckDBConnection c, string unitId, string waveId, ReportContext context)
    {
        var unit = Rows(c, "select name, network_id from research.units where unit_id = $1", unitId).SingleOrDefault()
            ?? throw new ArgumentException($"unit {unitId} is not in the roster", nameof(unitId));
        var framework = Rows(c, "select framework_id, name, version from research.frameworks where network_id = $1 and descriptors_by_role order by 1", Str(unit[1])).First();
        var frameworkId = Str(framework[0]);
        var roles = Rows(c, "select role_code, name from research.roles where framework_id = $1 order by role_code", frameworkId).Select(r => (Code: Str(r[0]), Name: Str(r[1]))).ToList();
        var outcomes = Rows(c, "select dimension_code, title from research.dimensions where framework_id = $1 order by number", frameworkId).Select(r => (Code: Str(r[0]), Title: Str(r[1]))).ToList();
        var levels = Rows(c, "select level_value, label, progress_rank from research.levels where framework_id = $1 order by level_value", frameworkId)
            .Select(r => (Value: Int(r[0]), Label: Str(r[1]), Rank: Int(r[2]))).ToList();
        var mine = Rows(c, """
            select role_code, dimension_code, wave_id, level_value, progress_rank, levels_moved from marts.ic_role_outcome_levels
            where unit_id = $1 order by role_code, dimension_code, wave_id
            """, unitId);
        var waves = Rows(c, "select distinct wave_id, wave_seq from marts.stage_history where unit_id = $1 order by wave_seq", unitId).Select(r => Str(r[0])).ToList();
        var rolesHere = roles.Where(r => mine.Any(m => Str(m[0]) == r.Code)).ToList();
        int? Level(string role, string outcome, string wave) => mine.FirstOrDefault(m => Str(m[0]) == role && Str(m[1]) == outcome && Str(m[2]) == wave) is { } hit ? Int(hit[3]) : null;

        var w = new HtmlWriter();
        w.Element("h1", Str(unit[0]));
        w.Raw($"<p class=\"subtitle\">Innovation Configuration map check, {HtmlWriter.Text(waveId)} · {HtmlWriter.Text(Str(framework[1]))} ({HtmlWriter.Text(Str(framework[2]))})</p>\n");
        w.Element("p", $"Levels are numbered as on the IC maps: {levels[0].Label} is the goal and {levels[^1].Label} is where teams start. Colours run from Entry (light) to Ideal (dark).", "note");

        var now = mine.Where(m => Str(m[2]) == waveId).ToList();
        w.Element("h2", "Summary");
        w.Raw("<div class=\"cards\">");
        foreach (var level in levels)
        {
            w.Card(now.Count(m => Int(m[3]) == level.Value), $"role × outcome cells at {level.Label}");
        }

        w.Card(now.Count(m => m[5] is not null && Int(m[5]) > 0), "moved toward Ideal since the previous check").Raw("</div>\n");

        // One numbering everywhere, the maps' own: Level 1 is Ideal. Colours follow progress (darker is nearer Ideal), as
        // stages do in every other report; ▲ is a move toward Ideal.
        string MeanLevel(string role, string wave) =>
            mine.Where(m => Str(m[0]) == role && Str(m[2]) == wave).Select(m => (double)Int(m[3])).DefaultIfEmpty(double.NaN).Average() is var mean && double.IsNaN(mean)
                ? "not rated" : mean.ToString("0.0", CultureInfo.InvariantCulture);
        string Named(int value) => levels.Single(l => l.Value == value).Label;
        int? Before(string role, string outcome, string wave) => waves.TakeWhile(x => x != wave).Select(x => Level(role, outcome, x)).LastOrDefault(v => v is not null);
        HtmlWriter.StageCell Cell(int? value, int? before) => value is { } v
            ? new HtmlWriter.StageCell(levels.Single(l => l.Value == v).Rank, levels.Count, Named(v), before is { } b ? b - v : null)
            : new HtmlWriter.StageCell(null, levels.Count, "not rated");
        var legend = levels.Select(l => (l.Rank, l.Label)).ToList();
        w.Element("h2", $"Where the team stands in {waveId}: role × outcome");
        w.StageLegend(legend, "▲ / ▼ moved toward / away from Ideal since the previous check");
        w.StageGrid($"Level per outcome and role in {waveId} (Level 1 = Ideal)", "Desired outcome", rolesHere.Select(r => r.Name).ToList(),
            outcomes.Select(o => ($"{o.Code} {o.Title}", (IReadOnlyList<HtmlWriter.StageCell>)rolesHere.Select(r => Cell(Level(r.Code, o.Code, waveId), Before(r.Code, o.Code, waveId))).ToList())));

        w.Element("h2", "Movement over the checks");
        var lines = rolesHere.Select((r, i) => Chart.Line<string, double, string>(
            x: waves.ToArray(),
            y: waves.Select(wave => mine.Where(m => Str(m[0]) == r.Code && Str(m[2]) == wave).Select(m => (double)Int(m[3])).DefaultIfEmpty(double.NaN).Average()).ToArray(),
            Name: r.Name, ShowMarkers: true, MarkerColor: Color.fromString(Palette.Series(i)))).ToArray();
        var best = levels.Min(l => l.Value);
        var worst = levels.Max(l => l.Value);
        w.Element("p", $"The mean level of each role's outcomes at each check; the axis runs from {Named(worst)} at the bottom to {Named(best)} at the top.", "note");
        w.Raw(PlotlyScript.Fragment(Chart.Combine(lines).WithSize(Width: 1000, Height: 380)
            .WithXAxisStyle<string, string, string>(TitleText: "check")
            .WithYAxisStyle<double, double, string>(TitleText: "mean level (Level 1 = Ideal)", MinMax: new Tuple<double, double>(worst + 0.2, best - 0.2)), "ic-movement",
            $"Mean level per role, from the first check ({waves[0]}) to {waveId} (Level 1 = Ideal): " + string.Join("; ", rolesHere.Select(r => $"{r.Name} {MeanLevel(r.Code, waves[0])} to {MeanLevel(r.Code, waveId)}")) + "."));
        foreach (var r in rolesHere)
        {
            w.StageGrid($"{r.Name}: level per outcome over the checks (Level 1 = Ideal)", "Desired outcome", waves,
                outcomes.Select(o => ($"{o.Code} {o.Title}", (IReadOnlyList<HtmlWriter.StageCell>)waves.Select(wave => Cell(Level(r.Code, o.Code, wave), Before(r.Code, o.Code, wave))).ToList())));
        }

        w.Element("h2", $"The network in {waveId}");
        w.Element("p", $"How many teams are at each level, per role and outcome. No team is named, and no count is shown that would let a team tell another team's level: counts under {context.MinCellSize} are withheld (with a second count where one alone could be worked out from the total), and so are rows where nearly all teams are at one level.", "note");
        var dist = Rows(c, """
            select role_code, dimension_code, level_value, n_units, n_units_total from marts.ic_level_distribution
            where framework_id = $1 and wave_id = $2 order by role_code, dimension_code, level_value
            """, frameworkId, waveId);
        // Each row as published (IcSuppression): the chart adds up only the counts the table shows.
        var rows = dist.GroupBy(d => (Role: Str(d[0]), Outcome: Str(d[1]))).Select(g => (g.Key.Role, g.Key.Outcome, Total: Int(g.First()[4]),
            Published: IcSuppression.Publish(levels.Select(l => g.FirstOrDefault(d => Int(d[2]) == l.Value) is { } hit ? Int(hit[3]) : 0).ToList(), context.MinCellSize))).ToList();
        var stacks = levels.Select((l, li) => Chart.StackedColumn<int, string, string>(
            values: roles.Select(r => rows.Where(x => x.Role == r.Code).Sum(x => x.Published[li] ?? 0)).ToArray(),
            Keys: roles.Select(r => r.Name).ToArray(), Name: l.Label, MarkerColor: Color.fromString(Palette.Stage(l.Rank, levels.Count)))).ToArray();
        w.Raw(PlotlyScript.Fragment(Chart.Combine(stacks).WithSize(Width: 1000, Height: 420)
            .WithYAxisStyle<string, string, string>(TitleText: "team × outcome cells (published counts)"), "ic-network",
            $"Team × outcome cells per level and role across the network in {waveId}, counts withheld where small: " +
            string.Join("; ", levels.Select((l, li) => $"{l.Label} {rows.Sum(x => x.Published[li] ?? 0)}")) + "."));
        w.Table($"Teams per level, role and outcome in {waveId}", ["Role", "Outcome", .. levels.Select(l => l.Label), "Teams"],
            rows.Select(x =>
            {
                var role = roles.FirstOrDefault(r => r.Code == x.Role).Name ?? x.Role;
                var outcome = $"{x.Outcome} {outcomes.FirstOrDefault(o => o.Code == x.Outcome).Title}";
                return (IReadOnlyList<string?>)(x.Total < context.MinCellSize
                    ? [role, outcome, .. levels.Select(_ => "suppressed"), $"fewer than {context.MinCellSize}"]
                    : [role, outcome, .. x.Published.Select(p => p?.ToString(CultureInfo.InvariantCulture) ?? "suppressed"), Str(x.Total)]);
            }));

        var (asOf, synthetic) = DataAsOf(c, unitId);
        return w.Page($"{Str(unit[0])}: IC-map check {waveId}", ReportFile.Stamps(asOf, frameworkId, Str(framework[2]), context, synthetic), synthetic, context.SharedPlotly);
    }
}
