using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DuckDB.NET.Data;
using Plotly.NET;
using Plotly.NET.CSharp;
using ResearchPipeline.Reports.Html;
using Chart = Plotly.NET.CSharp.Chart;

namespace ResearchPipeline.Reports.Partner;

/// <summary>
/// The partner annual report: where the partnership stands on each objective, how that
/// moved, how it compares with the network, and what the next stage looks like. One self-contained file.
/// </summary>
public static class PartnerReport
{
    private static readonly string[] Groups = ["IHE", "LEA", "PARTNERSHIP"];

    public static string RelativePath(string unitId, string waveId) => Path.Combine("partner", $"{unitId}-{waveId}.html");

    /// <summary>Writes the report and returns its path.</summary>
    public static string Write(DuckDBConnection connection, string unitId, string waveId, ReportContext context)
    {
        var data = PartnerReportLoader.Load(connection, unitId, waveId);
        return ReportFile.Write(context.OutputDirectory, RelativePath(unitId, waveId), Render(data, context));
    }

    internal static string Render(PartnerReportData d, ReportContext context)
    {
        var w = new HtmlWriter();
        var levelLabel = d.Levels.ToDictionary(l => l.Rank, l => l.Label);
        string StageText(int? s) => s is null ? "not rated" : $"{s} · {levelLabel[s.Value]}";

        w.Element("h1", d.UnitName);
        w.Raw($"<p class=\"subtitle\">Annual report for wave {HtmlWriter.Text(d.WaveId)} · {HtmlWriter.Text(d.FrameworkName)} ({HtmlWriter.Text(d.FrameworkVersion)})</p>\n");
        if (d.Members.Count > 0)
        {
            w.Raw("<p class=\"note\">Partners: " + string.Join("; ", d.Members.Select(HtmlWriter.Text)) + "</p>\n");
        }

        // Summary up front: first in words, with the objectives named, then in counts.
        var rated = d.Objectives.Where(o => o.Stage is not null).ToList();
        var moved = rated.Where(o => o.PrevStage is not null).ToList();
        AtAGlance(w, d, context, StageText);
        w.Element("h2", "Summary");
        w.Raw("<div class=\"cards\">");
        foreach (var level in d.Levels)
        {
            w.Card(rated.Count(o => o.Stage == level.Rank), $"objectives at stage {level.Rank}: {level.Label}");
        }

        w.Raw("</div><div class=\"cards\">");
        w.Card(moved.Count(o => o.Stage > o.PrevStage), "moved up since the last rated wave")
            .Card(moved.Count(o => o.Stage == o.PrevStage), "held their stage")
            .Card(moved.Count(o => o.Stage < o.PrevStage), "moved down")
            .Card(d.Objectives.Count - rated.Count, $"not rated in {d.WaveId}");
        w.Raw("</div>\n");
        w.Raw("<p class=\"note\">Stages run from 1 (exploring change ideas) to 4 (institutionalizing and sustaining the work). A partnership's stage on an objective is its team's consensus rating where there is one, otherwise the lower median of its raters. In the rubric, IS is improvement science and NIC a networked improvement community.</p>\n");

        // Trajectory by group: a table of stages, colour-coded, with the moves marked (the chart and its numbers in one).
        w.Element("h2", "Your journey, objective by objective");
        w.Element("p", "Each cell is the partnership's stage on the objective in that wave; darker is further along.", "note");
        w.StageLegend(d.Levels.Select(l => (l.Rank, $"{l.Rank} · {l.Label}")).ToList());
        foreach (var group in Groups)
        {
            var objs = d.Objectives.Where(o => o.Group == group).ToList();
            if (objs.Count > 0)
            {
                w.StageGrid($"Stages by wave: {GroupTitle(group)}", "Objective", d.Waves, objs.Select(o => (Full(o), (IReadOnlyList<HtmlWriter.StageCell>)Trajectory(o, d.Waves, StageText, d.Levels.Count))));
            }
        }

        // Benchmark against the network.
        w.Element("h2", "Where you stand in the network");
        w.Raw($"<p class=\"note\">The bar spans the middle half of the network's partnerships (25th to 75th percentile) in {HtmlWriter.Text(d.WaveId)}; the open diamond is the network median, the dot is your stage. Where fewer than {context.MinCellSize} partnerships were rated, the network is not shown, to protect them: the row is hatched grey instead.</p>\n");
        var shown = d.Objectives.Where(o => o.Benchmark is { } b && b.Units >= context.MinCellSize).ToList();
        var allLabels = d.Objectives.Select(Short).ToArray();
        // The IQR bar is drawn as a stack: an invisible bar up to p25, then the visible middle half.
        var below = Chart.StackedBar<double, string, string>(
            values: shown.Select(o => o.Benchmark!.P25 ?? 0).ToArray(), Keys: shown.Select(Short).ToArray(),
            Name: "below 25th percentile", ShowLegend: false, Opacity: 0.0);
        var iqr = Chart.StackedBar<double, string, string>(
            values: shown.Select(o => (o.Benchmark!.P75 ?? 0) - (o.Benchmark.P25 ?? 0)).ToArray(), Keys: shown.Select(Short).ToArray(),
            Name: "Network middle half (IQR)", Opacity: 0.35, MarkerColor: Color.fromString("#2b6cb0"));
        var median = Chart.Point<double, string, string>(
            x: shown.Select(o => o.Benchmark!.Median ?? 0).ToArray(), y: shown.Select(Short).ToArray(), Name: "Network median",
            MarkerSymbol: StyleParam.MarkerSymbol.Diamond, MarkerColor: Color.fromString("#1a365d"));
        var own = rated.ToList();
        var yours = Chart.Point<int, string, string>(
            x: own.Select(o => o.Stage!.Value).ToArray(), y: own.Select(Short).ToArray(), Name: "Your stage",
            MarkerColor: Color.fromString("#dd6b20"));
        // Suppression shown in place: a hatched grey band across the row, under your dot, with its reason on hover.
        var suppressed = d.Objectives.Where(o => o.Benchmark is not { } b || b.Units < context.MinCellSize).ToList();
        var suppressedName = $"Network not shown: fewer than {context.MinCellSize} partnerships";
        var hidden = Chart.StackedBar<double, string, string>(
            values: suppressed.Select(_ => d.Levels.Count + 0.5).ToArray(), Keys: suppressed.Select(Short).ToArray(), Name: suppressedName,
            MarkerColor: Color.fromString("#edf2f7"), MarkerPatternShape: StyleParam.PatternShape.DiagonalDescending);
        var bench = Chart.Combine(suppressed.Count > 0 ? [hidden, below, iqr, median, yours] : [below, iqr, median, yours])
            .WithSize(Width: 1000, Height: 160 + (28 * d.Objectives.Count))
            .WithXAxisStyle<double, double, string>(TitleText: "stage", MinMax: new Tuple<double, double>(0.5, d.Levels.Count + 0.5))
            .WithYAxisStyle<string, string, string>(TitleText: "", CategoryOrder: StyleParam.CategoryOrder.Array, CategoryArray: allLabels.Reverse().ToArray());
        // Hover says what a reader means: the network's range as "2–3" (not the bar's width), nothing for the invisible
        // bar under it; the median is an open diamond drawn under your dot, so that neither hides the other.
        var ranges = System.Text.Json.JsonSerializer.Serialize(shown.Select(o => $"{o.Benchmark!.P25?.ToString("0.#", CultureInfo.InvariantCulture)}–{o.Benchmark.P75?.ToString("0.#", CultureInfo.InvariantCulture)}").ToArray());
        var compared = shown.Where(o => o.Stage is not null && o.Benchmark!.Median is not null).ToList();
        var finding = compared.Count == 0
            ? $"No objective has a network benchmark from {context.MinCellSize} or more partnerships in {d.WaveId} to compare your stage with."
            : $"Your stage against the network median in {d.WaveId}, on {compared.Count} objectives: above it on {compared.Count(o => o.Stage > o.Benchmark!.Median)}, " +
              $"level with it on {compared.Count(o => o.Stage == o.Benchmark!.Median)}, below it on {compared.Count(o => o.Stage < o.Benchmark!.Median)}.";
        finding += suppressed.Count == 0 ? "" : $" The network is not shown on {suppressed.Count} objective{(suppressed.Count == 1 ? "" : "s")}, rated by fewer than {context.MinCellSize} partnerships.";
        var fragment = PlotlyScript.Fragment(bench, "benchmark", finding)
            .Replace($"\"name\":{System.Text.Json.JsonSerializer.Serialize(suppressedName)}", $"\"name\":{System.Text.Json.JsonSerializer.Serialize(suppressedName)},\"hovertemplate\":\"%{{y}}: network not shown, fewer than {context.MinCellSize} partnerships rated it\\u003cextra>\\u003c/extra>\"", StringComparison.Ordinal)
            .Replace("\"name\":\"below 25th percentile\"", "\"name\":\"below 25th percentile\",\"hoverinfo\":\"skip\"", StringComparison.Ordinal)
            .Replace("\"name\":\"Network middle half (IQR)\"",
                $"\"name\":\"Network middle half (IQR)\",\"customdata\":{ranges.Replace("<", "\\u003c", StringComparison.Ordinal)},\"hovertemplate\":\"network middle half: stages %{{customdata}}<extra></extra>\"".Replace("<extra></extra>", "\\u003cextra>\\u003c/extra>", StringComparison.Ordinal), StringComparison.Ordinal)
            .Replace("\"marker\":{\"color\":\"#1a365d\",\"symbol\":\"2\"}", "\"marker\":{\"color\":\"#1a365d\",\"symbol\":\"diamond-open\",\"size\":15,\"line\":{\"width\":2,\"color\":\"#1a365d\"}}", StringComparison.Ordinal);
        w.Raw(fragment);
        w.Table($"Your stage and the network in {d.WaveId}", ["Objective", "Your stage", "Network median", "25th percentile", "75th percentile", "Partnerships"],
            d.Objectives.Select(o => (IReadOnlyList<string?>)[
                Full(o), o.Stage?.ToString(CultureInfo.InvariantCulture) ?? "not rated",
                .. BenchmarkCells(o.Benchmark, context.MinCellSize)]));

        // IHE and LEA lens.
        w.Element("h2", "University and district views");
        var lens = d.Objectives.Where(o => o.IheRaters >= 3 && o.LeaRaters >= 3).ToList();
        if (lens.Count == 0)
        {
            w.Element("p", $"Not shown for {d.WaveId}: each side needs at least 3 raters on an objective for its view to be reported separately.", "note");
        }
        else
        {
            w.Element("p", "Where university (IHE) and district (LEA) raters each number at least 3, their stages are shown side by side. Objectives with fewer raters on either side are left out.", "note");
            if (d.RoleAgreement is { } k)
            {
                w.Element("p", string.Create(CultureInfo.InvariantCulture,
                    $"How alike the two views are over the {k.Objectives} objectives both sides rated: weighted kappa {k.Kappa:0.00}") +
                    (k.Low is { } lo && k.High is { } hi ? string.Create(CultureInfo.InvariantCulture, $" (95% interval {lo:0.00}–{hi:0.00})") : "") +
                    ". 1 means the same stages everywhere, 0 no more alike than chance.");
            }
            w.Table("University and district stages", ["Objective", "University (IHE)", "IHE raters", "District (LEA)", "LEA raters", "Gap"],
                lens.Select(o => (IReadOnlyList<string?>)[Full(o), StageText(o.IheStage), o.IheRaters?.ToString(CultureInfo.InvariantCulture),
                    StageText(o.LeaStage), o.LeaRaters?.ToString(CultureInfo.InvariantCulture), (o.IheStage - o.LeaStage)?.ToString("+0;-0;0", CultureInfo.InvariantCulture)]));
        }

        // One section per objective: now, movement, what the next stage looks like.
        w.Element("h2", "Objectives: where you are and what comes next");
        foreach (var o in d.Objectives)
        {
            w.Raw($"<section class=\"objective\" id=\"objective-{HtmlWriter.Text(o.Code)}\" data-objective=\"{HtmlWriter.Text(o.Code)}\">");
            w.Element("h3", $"{o.Number}. {o.Title}");
            var movement = o.Stage is null ? $"Not rated in {d.WaveId}."
                : o.PrevStage is null ? $"Stage {StageText(o.Stage)}; no earlier rating to compare with."
                : o.Stage > o.PrevStage ? $"Stage {StageText(o.Stage)}, up from {o.PrevStage} in {o.PrevWave}."
                : o.Stage < o.PrevStage ? $"Stage {StageText(o.Stage)}, down from {o.PrevStage} in {o.PrevWave}."
                : $"Stage {StageText(o.Stage)}, the same as in {o.PrevWave}.";
            w.Element("p", movement + (o.Raters is not { } n ? "" : o.Consensus ? $" (the team's consensus rating; {n} individual rater{(n == 1 ? "" : "s")} too)" : $" ({n} rater{(n == 1 ? "" : "s")})"));
            if (o.Benchmark is { } b)
            {
                w.Element("p", b.Units >= context.MinCellSize
                    ? $"Network in {d.WaveId}: median {Query.Num(b.Median)}, middle half {Query.Num(b.P25)}–{Query.Num(b.P75)} ({b.Units} partnerships)."
                    : $"Network benchmark suppressed: fewer than {context.MinCellSize} partnerships rated this objective in {d.WaveId}.", b.Units >= context.MinCellSize ? "note" : "note suppressed");
            }

            if (o.CurrentDescriptor is not null)
            {
                w.Raw("<p><strong>What your current stage looks like</strong></p>");
                w.Element("div", o.CurrentDescriptor, "descriptor current");
            }

            if (o.NextDescriptor is not null)
            {
                var nextStage = (o.Stage ?? 0) + 1;
                w.Raw($"<p><strong>{(o.Stage is null ? "Where the progression starts" : $"What the next stage ({nextStage} · {HtmlWriter.Text(levelLabel.GetValueOrDefault(nextStage))}) looks like")}</strong></p>");
                w.Element("div", o.NextDescriptor, "descriptor next");
            }
            else if (o.Stage == d.Levels.Count)
            {
                w.Element("p", "You are at the last stage of the progression on this objective.", "note");
            }

            w.Raw("</section>\n");
        }

        // Data notes.
        w.Element("h2", "About these data");
        w.Table($"Responses in {d.WaveId}", ["Rater role", "Individual raters", "Team consensus entry", "Ratings"],
            d.Responses.Select(r => (IReadOnlyList<string?>)[r.Role == "ALL" ? "All roles (each person once)" : r.Role, r.Raters.ToString(CultureInfo.InvariantCulture), r.Consensus ? "yes" : "–", r.Ratings.ToString(CultureInfo.InvariantCulture)]));
        w.Element("p", "A team's consensus entry is one rating the team agreed on together; it is not counted as a rater. The hub counts raters the same way.", "note");
        foreach (var side in d.MembersWithoutRaters.GroupBy(m => m.Role))
        {
            w.Element("p", $"No {(side.Key == "LEA" ? "district (LEA)" : side.Key == "IHE" ? "university (IHE)" : side.Key)} rater in {d.WaveId}: " +
                $"{string.Join("; ", side.Select(m => m.Org))} did not rate individually.", "note");
        }

        var gaps = d.Objectives.Where(o => o.Stage is null).Select(o => o.Number.ToString(CultureInfo.InvariantCulture)).ToList();
        w.Element("p", gaps.Count == 0 ? $"Every objective was rated in {d.WaveId}." : $"Not rated in {d.WaveId}: objective {string.Join(", ", gaps)}.", "note");
        w.Element("p", (d.Quarantined.InWave == 0
            ? $"No rows of your {d.WaveId} submissions were set aside."
            : $"{d.Quarantined.InWave} row(s) of your {d.WaveId} submissions could not be read and were set aside (quarantined); the hub can show you which and why.") +
            (d.Quarantined.WaveUnreadable == 0 ? "" : $" {d.Quarantined.WaveUnreadable} more row(s) naming your partnership were set aside with a wave that could not be read."), "note");

        var stamps = Stamps(d, context);
        return w.Page($"{d.UnitName}: annual report {d.WaveId}", stamps, d.Synthetic, context.SharedPlotly);
    }

    /// <summary>An objective's row of stages over the waves, each marked with its move since the last wave it was rated in.</summary>
    private static List<HtmlWriter.StageCell> Trajectory(PartnerReportData.Objective o, IReadOnlyList<string> waves, Func<int?, string> stageText, int count)
    {
        var cells = new List<HtmlWriter.StageCell>();
        int? before = null;
        foreach (var wave in waves)
        {
            int? stage = o.StageByWave.TryGetValue(wave, out var s) ? s : null;
            cells.Add(new HtmlWriter.StageCell(stage, count, stageText(stage), stage is not null && before is not null ? stage - before : null));
            before = stage ?? before;
        }

        return cells;
    }

    private static IEnumerable<string?> BenchmarkCells(PartnerReportData.Benchmark? b, int min) =>
        b is null ? ["–", "–", "–", "0"]
        : b.Units < min ? ["suppressed", "suppressed", "suppressed", $"fewer than {min}"]
        : [Query.Num(b.Median), Query.Num(b.P25), Query.Num(b.P75), b.Units.ToString(CultureInfo.InvariantCulture)];

    private static string Stamps(PartnerReportData d, ReportContext context)
    {
        // A fingerprint of exactly the numbers this report shows, so two copies can be compared.
        var fingerprint = new StringBuilder();
        foreach (var o in d.Objectives)
        {
            fingerprint.Append(CultureInfo.InvariantCulture, $"{o.Code}:{string.Join(',', o.StageByWave.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key}={k.Value}"))}:{o.Benchmark};");
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fingerprint.ToString())))[..12];
        return ReportFile.Stamps(d.DataAsOf, d.FrameworkId, d.FrameworkVersion, context, d.Synthetic, $"report fingerprint {hash}");
    }

    /// <summary>
    /// The first screen, in words: which objectives moved up or down since the last rated wave, where the partnership
    /// stands against the network median, and a few objectives to focus on with what their next stage looks like.
    /// </summary>
    private static void AtAGlance(HtmlWriter w, PartnerReportData d, ReportContext context, Func<int?, string> stageText)
    {
        static string Names(IEnumerable<string> names) => string.Join("; ", names);
        var moved = d.Objectives.Where(o => o.Stage is not null && o.PrevStage is not null).ToList();
        var up = moved.Where(o => o.Stage > o.PrevStage).ToList();
        var down = moved.Where(o => o.Stage < o.PrevStage).ToList();
        var compared = d.Objectives.Where(o => o.Stage is not null && o.Benchmark is { Median: not null } b && b.Units >= context.MinCellSize).ToList();
        var above = compared.Where(o => o.Stage > o.Benchmark!.Median).ToList();
        var below = compared.Where(o => o.Stage < o.Benchmark!.Median).ToList();

        w.Raw("<section class=\"glance\" aria-label=\"At a glance\">");
        w.Element("h2", $"At a glance: {d.WaveId}");
        var since = moved.Select(o => o.PrevWave).FirstOrDefault(p => p is not null);
        w.Raw("<ul>");
        w.Raw("<li><strong>Moved up").Raw(since is null ? "" : $" since {HtmlWriter.Text(since)}").Raw(":</strong> ")
            .Raw(HtmlWriter.Text(up.Count == 0 ? "none" : Names(up.Select(o => $"{Full(o)} ({o.PrevStage} → {o.Stage})")))).Raw("</li>");
        w.Raw("<li><strong>Moved down:</strong> ")
            .Raw(HtmlWriter.Text(down.Count == 0 ? "none" : Names(down.Select(o => $"{Full(o)} ({o.PrevStage} → {o.Stage})")))).Raw("</li>");
        if (compared.Count == 0)
        {
            w.Raw($"<li><strong>Against the network:</strong> not shown for {HtmlWriter.Text(d.WaveId)}: fewer than {context.MinCellSize} partnerships were rated on each objective.</li>");
        }
        else
        {
            w.Raw("<li><strong>Above the network median:</strong> ").Raw(HtmlWriter.Text(above.Count == 0 ? "none" : Names(above.Select(Full)))).Raw("</li>");
            w.Raw("<li><strong>Below the network median:</strong> ").Raw(HtmlWriter.Text(below.Count == 0 ? "none" : Names(below.Select(Full)))).Raw("</li>");
        }

        w.Raw("</ul>");

        // Focus: furthest below the network median first, then objectives that moved down, then the lowest stages;
        // never one already at the top stage. Three to five of them.
        var top = d.Levels.Max(l => l.Rank);
        var focus = below.OrderBy(o => o.Stage - o.Benchmark!.Median).ThenBy(o => o.Number)
            .Concat(down.OrderBy(o => o.Stage - o.PrevStage).ThenBy(o => o.Number))
            .Concat(d.Objectives.Where(o => o.Stage is not null).OrderBy(o => o.Stage).ThenBy(o => o.Number))
            .Where(o => o.Stage < top && o.NextDescriptor is not null).DistinctBy(o => o.Code).Take(5).ToList();
        if (focus.Count > 0)
        {
            w.Element("h3", "Objectives to focus on");
            w.Element("p", "Chosen as the objectives furthest below the network median, then those that moved down, then the lowest stages (never one already at the top stage); for each, what the next stage looks like.", "note");
            foreach (var o in focus)
            {
                w.Raw("<div class=\"focus\">").Element("h4", $"{Full(o)}: now {stageText(o.Stage)}")
                    .Raw("<div class=\"descriptor next\"><strong>Next stage:</strong> ").Raw(HtmlWriter.Text(o.NextDescriptor)).Raw("</div></div>");
            }
        }

        w.Raw("</section>\n");
    }

    /// <summary>The objective's number and whole title, for tables (charts use <see cref="Short"/>, for their axis).</summary>
    private static string Full(PartnerReportData.Objective o) => $"{o.Number}. {o.Title}";

    private static string Short(PartnerReportData.Objective o)
    {
        var title = o.Title.Length > 46 ? o.Title[..44].TrimEnd() + "…" : o.Title;
        return $"{o.Number}. {title}";
    }

    private static string GroupTitle(string group) => group switch
    {
        "IHE" => "University (IHE) objectives 1–10",
        "LEA" => "District (LEA) objectives 11–17",
        _ => "Partnership objectives 18–24",
    };
}
