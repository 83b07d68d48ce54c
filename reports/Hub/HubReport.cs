using System.Globalization;
using DuckDB.NET.Data;
using Plotly.NET;
using Plotly.NET.CSharp;
using ResearchPipeline.Reports.Html;
using static ResearchPipeline.Reports.Query;
using static ResearchPipeline.Warehouse.Db;
using Chart = Plotly.NET.CSharp.Chart;

namespace ResearchPipeline.Reports.Hub;

/// <summary>
/// The hub review: the network picture for one wave, identified, for the hub's own use: stage
/// distributions over waves, the partnership × objective heatmap, transitions since the previous wave (Sankey),
/// regressions, shared needs (objectives where many partnerships stall), rater agreement, response rates, data
/// quality and what raters wrote. Every chart has its data table.
/// </summary>
public static class HubReport
{
    public static string RelativePath(string waveId) => Path.Combine("hub", $"{waveId}.html");

    public static string Write(DuckDBConnection c, string frameworkId, string waveId, ReportContext context) =>
        ReportFile.Write(context.OutputDirectory, RelativePath(waveId), Render(c, frameworkId, waveId, context));

    internal static string Render(DuckDBConnection c, string frameworkId, string waveId, ReportContext context)
    {
        var framework = Rows(c, "select name, version, network_id, level_count from research.frameworks where framework_id = $1", frameworkId).Single();
        var levels = Rows(c, "select progress_rank, label from research.levels where framework_id = $1 order by progress_rank", frameworkId)
            .Select(r => (Rank: Int(r[0]), Label: Str(r[1]))).ToList();
        var waves = Rows(c, "select distinct wave_id, wave_seq from marts.stage_history where framework_id = $1 order by wave_seq", frameworkId).Select(r => Str(r[0])).ToList();
        var dims = Rows(c, "select dimension_code, number, title from research.dimensions where framework_id = $1 order by number", frameworkId)
            .Select(r => (Code: Str(r[0]), Label: $"{Int(r[1])}. {Shorten(Str(r[2]), 40)}")).ToList();
        var w = new HtmlWriter();
        w.Element("h1", $"Hub review: {Str(framework[0])}, {waveId}");
        w.Raw($"<p class=\"subtitle\">The network's partnerships, identified: for the hub's own use, not for partners. {HtmlWriter.Text(Str(framework[0]))} ({HtmlWriter.Text(Str(framework[1]))}).</p>\n");

        var units = Rows(c, "select count(distinct unit_id) from marts.stage_history where framework_id = $1 and wave_id = $2", frameworkId, waveId)[0][0];
        var regressions = Rows(c, """
            select u.name, h.dimension_code, d.number, d.title, h.prev_wave_id, h.prev_stage, h.stage
            from marts.stage_history h join research.units u using (unit_id) join research.dimensions d on d.framework_id = h.framework_id and d.dimension_code = h.dimension_code
            where h.framework_id = $1 and h.wave_id = $2 and h.role_code = 'ALL' and h.stage_change < 0 order by d.number, u.name
            """, frameworkId, waveId);
        var moves = Rows(c, "select sum(n_units) filter (where to_stage > from_stage), sum(n_units) filter (where to_stage = from_stage), sum(n_units) filter (where to_stage < from_stage) from marts.stage_transitions where framework_id = $1 and to_wave = $2", frameworkId, waveId)[0];
        w.Element("h2", "Summary");
        w.Raw("<div class=\"cards\">");
        w.Card(Str(units), $"partnerships rated in {waveId}")
            .Card(Str(moves[0] ?? 0), "partnership × objective moves up since their last rated wave")
            .Card(Str(moves[1] ?? 0), "held their stage")
            .Card(Str(moves[2] ?? 0), "moved down (regressions)");
        w.Raw("</div>\n");
        MovingAndStalling(w, c, frameworkId, waveId, Int(framework[3]));

        // Stage distribution over waves.
        w.Element("h2", "Stage distribution over waves");
        w.Element("p", "How many partnership × objective stages sit at each stage, wave by wave (ALL stages: consensus, else the lower median of raters).", "note");
        var dist = Rows(c, """
            select wave_id, h.stage, count(*) from marts.stage_history h where framework_id = $1 and role_code = 'ALL' group by all order by 1, 2
            """, frameworkId);
        var stacks = levels.Select(l => Chart.StackedColumn<int, string, string>(
            values: waves.Select(wave => dist.Where(r => Str(r[0]) == wave && Int(r[1]) == l.Rank).Select(r => Int(r[2])).FirstOrDefault()).ToArray(),
            Keys: waves.ToArray(), Name: $"{l.Rank} · {l.Label}", MarkerColor: Color.fromString(Palette.Stage(l.Rank, levels.Count)))).ToArray();
        w.Raw(PlotlyScript.Fragment(Chart.Combine(stacks).WithSize(Width: 1000, Height: 420)
            .WithXAxisStyle<string, string, string>(TitleText: "wave").WithYAxisStyle<string, string, string>(TitleText: "partnership × objective stages"), "stage-distribution", DistributionFinding(dist, waves, levels.Count)));
        w.Table("Stages by wave", ["Wave", .. levels.Select(l => $"{l.Rank} · {l.Label}")],
            waves.Select(wave => (IReadOnlyList<string?>)[wave, .. levels.Select(l => Str(dist.Where(r => Str(r[0]) == wave && Int(r[1]) == l.Rank).Select(r => r[2]).FirstOrDefault() ?? 0))]));
        var perObjective = Rows(c, """
            select dimension_code, wave_id, n_units, median, n_stage_1, n_stage_2, n_stage_3, n_stage_4 from research.network_benchmarks
            where framework_id = $1 order by dimension_code, wave_seq
            """, frameworkId);
        w.Raw("<details><summary>Per objective and wave</summary>");
        w.Table("Stage counts per objective and wave", ["Objective", "Wave", "Partnerships", "Median", .. levels.Select(l => $"At {l.Rank}")],
            dims.SelectMany(d => perObjective.Where(r => Str(r[0]) == d.Code).Select(r => (IReadOnlyList<string?>)[d.Label, Str(r[1]), Str(r[2]), Num(DoubleOrNull(r[3])), .. levels.Select(l => Str(r[3 + l.Rank]))])));
        w.Raw("</details>\n");

        // Partnership × objective heatmap.
        w.Element("h2", $"Partnerships × objectives in {waveId}");
        var grid = Rows(c, """
            select u.unit_id, u.name, h.dimension_code, h.stage, h.stage_change from marts.stage_history h join research.units u using (unit_id)
            where h.framework_id = $1 and h.wave_id = $2 and h.role_code = 'ALL' order by u.name
            """, frameworkId, waveId);
        var names = grid.Select(r => Str(r[1])).Distinct().ToList();
        w.Element("p", "Each partnership's stage on each objective (ALL stages); darker is further along. Objective numbers are those of the rubric; their titles are in the regressions and shared-needs tables below.", "note");
        w.StageLegend(levels.Select(l => (l.Rank, $"{l.Rank} · {l.Label}")).ToList());
        w.StageGrid($"Stages in {waveId} (rows: partnerships; columns: objectives)", "Partnership", dims.Select(d => d.Label.Split('.')[0]).ToList(),
            names.Select(n => (n, (IReadOnlyList<HtmlWriter.StageCell>)dims.Select(d => grid.FirstOrDefault(r => Str(r[1]) == n && Str(r[2]) == d.Code) is { } hit
                ? new HtmlWriter.StageCell(Int(hit[3]), levels.Count, Str(hit[3]), hit[4] is null ? null : Int(hit[4]))
                : new HtmlWriter.StageCell(null, levels.Count, "–")).ToList())));

        // Transitions (Sankey).
        w.Element("h2", "Transitions since the previous rated wave");
        var transitions = Rows(c, """
            select from_stage, to_stage, sum(n_units) from marts.stage_transitions where framework_id = $1 and to_wave = $2 group by all order by 1, 2
            """, frameworkId, waveId);
        if (transitions.Count == 0)
        {
            w.Element("p", $"No partnership has an earlier rated wave to compare {waveId} with.", "note");
        }
        else
        {
            w.Raw(SankeyChart.Html("transitions", levels, transitions.Select(r => (Int(r[0]), Int(r[1]), Int(r[2]))).ToList()));
            w.Table("Partnership × objective moves between stages", ["From stage", "To stage", "Count"],
                transitions.Select(r => (IReadOnlyList<string?>)[Str(r[0]), Str(r[1]), Str(r[2])]));
        }

        // Regressions.
        w.Element("h2", "Regressions");
        if (regressions.Count == 0)
        {
            w.Element("p", $"No partnership moved down on any objective in {waveId}.", "note");
        }
        else
        {
            var byObjective = regressions.GroupBy(r => Int(r[2])).OrderBy(g => g.Key).ToList();
            w.Raw(PlotlyScript.Fragment(Chart.Column<int, string, string>(values: byObjective.Select(g => g.Count()).ToArray(), Keys: byObjective.Select(g => g.Key.ToString(CultureInfo.InvariantCulture)).ToArray(), Name: "regressions", MarkerColor: Color.fromString(Palette.Down))
                .WithSize(Width: 1000, Height: 320).WithXAxisStyle<string, string, string>(TitleText: "objective").WithYAxisStyle<string, string, string>(TitleText: "partnerships that moved down"), "regressions",
                $"{regressions.Count} partnership × objective stages moved down in {waveId}, on {byObjective.Count} objectives; most on {(byObjective.Count(g => g.Count() == byObjective.Max(x => x.Count())) == 1 ? "objective" : "objectives")} {string.Join(", ", byObjective.Where(g => g.Count() == byObjective.Max(x => x.Count())).Select(g => g.Key))} ({byObjective.Max(g => g.Count())} each)."));
            w.Table("Partnerships that moved down", ["Partnership", "Objective", "From (wave)", "From stage", "To stage"],
                regressions.Select(r => (IReadOnlyList<string?>)[Str(r[0]), $"{Str(r[2])}. {Str(r[3])}", Str(r[4]), Str(r[5]), Str(r[6])]));
        }

        // Shared needs: objectives where many partnerships stall below the last stage.
        w.Element("h2", "Shared needs: where partnerships stall");
        w.Element("p", "Partnerships that held the same stage as in their previous rated wave, below the last stage. Objectives where many stall are candidates for network-wide support.", "note");
        var stalls = Rows(c, """
            select d.number, d.title, count(*) as stalled, count(*) filter (where h.stage <= 2) as stalled_early, round(avg(h.stage), 2)
            from marts.stage_history h join research.dimensions d on d.framework_id = h.framework_id and d.dimension_code = h.dimension_code
            where h.framework_id = $1 and h.wave_id = $2 and h.role_code = 'ALL' and h.stage_change = 0 and h.stage < $3
            group by d.number, d.title order by stalled desc, d.number
            """, frameworkId, waveId, Int(framework[3]));
        w.Raw(PlotlyScript.Fragment(Chart.Bar<int, string, string>(values: stalls.Select(r => Int(r[2])).Reverse().ToArray(), Keys: stalls.Select(r => $"{Int(r[0])}. {Shorten(Str(r[1]), 40)}").Reverse().ToArray(), Name: "stalled", MarkerColor: Color.fromString(Palette.Held))
            .WithSize(Width: 1000, Height: 140 + (26 * Math.Max(1, stalls.Count))).WithXAxisStyle<string, string, string>(TitleText: "partnerships holding their stage"), "shared-needs",
            stalls.Count == 0 ? $"No partnership held its stage below the last stage in {waveId}."
                : $"Partnerships holding their stage below the last stage, per objective, in {waveId}: most on objective {Int(stalls[0][0])}. {Str(stalls[0][1])} ({Int(stalls[0][2])} partnerships)."));
        w.Table("Stalled partnerships per objective", ["Objective", "Partnerships stalled", "…of them at stage 1 or 2", "Their mean stage"],
            stalls.Select(r => (IReadOnlyList<string?>)[$"{Int(r[0])}. {Str(r[1])}", Str(r[2]), Str(r[3]), Num(DoubleOrNull(r[4]))]));

        // Rater agreement.
        w.Element("h2", "Rater agreement");
        w.Element("p", "Krippendorff's alpha (ordinal) over each partnership's objectives and individual raters: 1 is full agreement, 0 is what chance alone gives. Below about 0.67 the raters see the partnership quite differently. With a handful of raters alpha is uncertain: the 95% interval (1,000 bootstrap resamples of the objectives) says how much.", "note");
        var agreement = Rows(c, """
            select u.name, a.n_raters, a.n_items, a.alpha_ordinal, a.alpha_undefined_reason, i.ci_low, i.ci_high,
                   (select count(*) filter (where w.agrees) || ' of ' || count(*) from marts.within_unit_agreement w
                    where w.framework_id = a.framework_id and w.unit_id = a.unit_id and w.wave_id = a.wave_id) as agreeing
            from marts.rater_agreement a join research.units u using (unit_id)
            left join marts.rater_agreement_intervals i on i.framework_id = a.framework_id and i.unit_id = a.unit_id and i.wave_id = a.wave_id
            where a.framework_id = $1 and a.wave_id = $2 order by u.name
            """, frameworkId, waveId);
        var withAlpha = agreement.Where(r => r[3] is not null).ToList();
        w.Raw(PlotlyScript.Fragment(Chart.Bar<double, string, string>(values: withAlpha.Select(r => Convert.ToDouble(r[3], CultureInfo.InvariantCulture)).ToArray(), Keys: withAlpha.Select(r => Shorten(Str(r[0]), 38)).ToArray(), Name: "alpha")
            .WithSize(Width: 1000, Height: 140 + (28 * Math.Max(1, withAlpha.Count))).WithXAxisStyle<double, double, string>(TitleText: "Krippendorff's alpha (ordinal)", MinMax: new Tuple<double, double>(-0.2, 1)), "agreement",
            withAlpha.Count == 0 ? $"No partnership has a defined rater agreement in {waveId}."
                : string.Create(CultureInfo.InvariantCulture, $"Rater agreement (Krippendorff's alpha, ordinal) in {waveId} ranges from {withAlpha.Min(r => Convert.ToDouble(r[3], CultureInfo.InvariantCulture)):0.00} to {withAlpha.Max(r => Convert.ToDouble(r[3], CultureInfo.InvariantCulture)):0.00} across {withAlpha.Count} partnerships; {withAlpha.Count(r => Convert.ToDouble(r[3], CultureInfo.InvariantCulture) < 0.667)} are below 0.67.")));
        w.Table($"Rater agreement in {waveId}", ["Partnership", "Raters", "Objectives rated by 2+", "Alpha (ordinal)", "95% interval (bootstrap)", "Objectives where raters agree (AD ≤ 0.67)"],
            agreement.Select(r => (IReadOnlyList<string?>)[Str(r[0]), Str(r[1]), Str(r[2]), r[3] is null ? $"not defined: {Str(r[4])}" : Convert.ToDouble(r[3], CultureInfo.InvariantCulture).ToString("0.000", CultureInfo.InvariantCulture),
                r[5] is null ? "–" : $"{Convert.ToDouble(r[5], CultureInfo.InvariantCulture):0.00}–{Convert.ToDouble(r[6], CultureInfo.InvariantCulture):0.00}", Str(r[7])]));
        var objectives = Rows(c, """
            select d.number || '. ' || d.title, o.n_units, o.alpha_ordinal, o.ci_low, o.ci_high from marts.objective_agreement o
            join research.dimensions d on d.framework_id = o.framework_id and d.dimension_code = o.dimension_code
            where o.framework_id = $1 and o.wave_id = $2 order by o.alpha_ordinal, d.number limit 5
            """, frameworkId, waveId);
        if (objectives.Count > 0)
        {
            w.Element("p", "The objectives rated least consistently across the network: alpha with the partnerships as items and their raters as values. A low alpha says raters read the objective's descriptors differently; the rubric's wording may need a look.", "note");
            w.Table($"Objectives rated least consistently in {waveId}", ["Objective", "Partnerships", "Alpha (ordinal)", "95% interval"],
                objectives.Select(r => (IReadOnlyList<string?>)[Str(r[0]), Str(r[1]), Convert.ToDouble(r[2], CultureInfo.InvariantCulture).ToString("0.000", CultureInfo.InvariantCulture),
                    r[3] is null ? "–" : $"{Convert.ToDouble(r[3], CultureInfo.InvariantCulture):0.00}–{Convert.ToDouble(r[4], CultureInfo.InvariantCulture):0.00}"]));
        }

        RoleViews(w, c, frameworkId, waveId);

        // Response rates and data quality.
        w.Element("h2", "Response rates and data quality");
        var response = Rows(c, """
            with raters as (
              select unit_id, wave_id, n_raters as n from marts.response_counts where framework_id = $1 and role_code = 'ALL'
            )
            select u.name, coalesce(r.n, 0), (select max(n) from raters x where x.unit_id = u.unit_id) as panel
            from research.units u left join raters r on r.unit_id = u.unit_id and r.wave_id = $2
            where u.network_id = $3 order by u.name
            """, frameworkId, waveId, Str(framework[2]));
        w.Element("p", "Response rate: raters who rated in this wave, out of the most raters the partnership ever had in one wave.", "note");
        w.Raw(PlotlyScript.Fragment(Chart.Bar<double, string, string>(
                values: response.Select(r => Int(r[2] ?? 0) == 0 ? 0 : 100.0 * Int(r[1]) / Int(r[2]!)).ToArray(), Keys: response.Select(r => Shorten(Str(r[0]), 38)).ToArray(), Name: "response rate")
            .WithSize(Width: 1000, Height: 140 + (28 * Math.Max(1, response.Count))).WithXAxisStyle<double, double, string>(TitleText: "% of the partnership's raters", MinMax: new Tuple<double, double>(0, 100)), "response-rates",
            $"Response rates in {waveId}: {response.Count(r => Int(r[1]) > 0 && Int(r[1]) == Int(r[2] ?? 0))} of {response.Count} partnerships had all their raters; {response.Count(r => Int(r[1]) == 0)} had none."));
        w.Table($"Raters in {waveId}", ["Partnership", "Raters this wave", "Most raters in any wave", "Response rate"],
            response.Select(r => (IReadOnlyList<string?>)[Str(r[0]), Str(r[1]), Str(r[2] ?? 0), Int(r[2] ?? 0) == 0 ? "–" : $"{100.0 * Int(r[1]) / Int(r[2]!):0}%"]));
        var batches = Rows(c, """
            select batch_id, source_kind, file_name, rows_read, rows_loaded, rows_quarantined, rows_skipped from marts.landed_batches order by batch_id
            """);
        w.Table("Landed files and their counts", ["Batch", "Kind", "File", "Read", "Loaded", "Quarantined", "Skipped"],
            batches.Select(r => (IReadOnlyList<string?>)[Str(r[0]), Str(r[1]), Str(r[2]), Str(r[3]), Str(r[4]), Str(r[5]), Str(r[6])]));
        var quarantined = Int(Rows(c, "select count(*) from marts.quarantine_log")[0][0]);
        var quarantine = Rows(c, "select batch_id, source_row, column_name, reason from marts.quarantine_log order by batch_id, source_row limit 50");
        w.Table(quarantined <= 50 ? $"Quarantined records ({quarantined})" : $"Quarantined records: the first 50 of {quarantined:N0} (all of them: select * from marts.quarantine_log in the working warehouse)",
            ["Batch", "Row", "Where", "Why"], quarantine.Select(r => (IReadOnlyList<string?>)[Str(r[0]), Str(r[1]), Str(r[2]), Str(r[3])]));

        // What raters wrote (hub only: comments never go to partners' benchmarks or research views): every comment,
        // grouped by partnership with its count, none cut.
        w.Element("h2", $"What raters wrote in {waveId}");
        var comments = Rows(c, """
            select u.name, d.number, r.comment from marts.rater_comments r join research.units u using (unit_id)
            join research.dimensions d on d.framework_id = r.framework_id and d.dimension_code = r.dimension_code
            where r.framework_id = $1 and r.wave_id = $2
            order by u.name, d.number, r.comment
            """, frameworkId, waveId);
        w.Element("p", comments.Count == 0 ? $"No comments in {waveId}." : $"{comments.Count:N0} comment(s) from {comments.Select(r => Str(r[0])).Distinct().Count()} partnership(s); raters are not named.", "note");
        foreach (var group in comments.GroupBy(r => Str(r[0])))
        {
            w.Raw("<details><summary>").Raw(HtmlWriter.Text($"{group.Key}: {group.Count()} comment(s)")).Raw("</summary>");
            w.Table($"Comments: {group.Key}", ["Objective", "Comment"], group.Select(r => (IReadOnlyList<string?>)[Str(r[1]), Str(r[2])]));
            w.Raw("</details>\n");
        }

        var asOf = Rows(c, "select max(last_landed_at), bool_or(is_synthetic) from marts.data_as_of where framework_id = $1", frameworkId)[0];
        return w.Page($"Hub review {waveId}", ReportFile.Stamps(asOf[0] as DateTime?, frameworkId, Str(framework[1]), context, asOf[1] is true), asOf[1] is true, context.SharedPlotly);
    }

    /// <summary>
    /// The university and district views: the objectives where the two sides part most across the network in the wave,
    /// and each partnership's weighted kappa between its IHE and LEA stages with its interval.
    /// </summary>
    private static void RoleViews(HtmlWriter w, DuckDBConnection c, string frameworkId, string waveId)
    {
        w.Element("h2", "University and district views");
        var divergence = Rows(c, """
            select d.number || '. ' || d.title, r.n_units, r.mean_abs_gap, r.mean_gap, r.n_ihe_higher, r.n_lea_higher
            from marts.role_divergence r join research.dimensions d on d.framework_id = r.framework_id and d.dimension_code = r.dimension_code
            where r.framework_id = $1 and r.wave_id = $2 order by r.mean_abs_gap desc, d.number limit 5
            """, frameworkId, waveId);
        if (divergence.Count == 0)
        {
            w.Element("p", $"No partnership's university and district raters both rated an objective in {waveId}.", "note");
            return;
        }

        w.Element("p", "Where the two sides of the partnerships see it most differently: the objectives with the largest mean gap between the IHE and the LEA stage (mean of IHE − LEA: above 0, the universities see more progress).", "note");
        w.Table($"Objectives where the university and district views diverge most in {waveId}", ["Objective", "Partnerships", "Mean |gap|", "Mean gap (IHE − LEA)", "IHE higher", "LEA higher"],
            divergence.Select(r => (IReadOnlyList<string?>)[Str(r[0]), Str(r[1]), Num(DoubleOrNull(r[2])), Num(DoubleOrNull(r[3])), Str(r[4]), Str(r[5])]));
        var kappas = Rows(c, """
            select u.name, k.n_objectives, k.kappa_quadratic, k.ci_low, k.ci_high from marts.role_agreement k join research.units u using (unit_id)
            where k.framework_id = $1 and k.wave_id = $2 order by k.kappa_quadratic, u.name
            """, frameworkId, waveId);
        w.Element("p", "How alike each partnership's two views are over the objectives both sides rated: quadratic weighted kappa (1 = the same stages, 0 = no more alike than chance), with its 95% bootstrap interval; the least alike first.", "note");
        w.Table($"University and district agreement in {waveId}", ["Partnership", "Objectives", "Weighted kappa", "95% interval"],
            kappas.Select(r => (IReadOnlyList<string?>)[Str(r[0]), Str(r[1]), Convert.ToDouble(r[2], CultureInfo.InvariantCulture).ToString("0.00", CultureInfo.InvariantCulture),
                r[3] is null ? "–" : $"{Convert.ToDouble(r[3], CultureInfo.InvariantCulture):0.00}–{Convert.ToDouble(r[4], CultureInfo.InvariantCulture):0.00}"]));
    }

    /// <summary>The stage distribution chart's finding: the share at the first and last stage, first wave against latest.</summary>
    private static string DistributionFinding(List<object?[]> dist, List<string> waves, int top)
    {
        if (waves.Count == 0)
        {
            return "No stages yet.";
        }

        string Share(string wave, int stage)
        {
            var all = dist.Where(r => Str(r[0]) == wave).Sum(r => Int(r[2]));
            var at = dist.Where(r => Str(r[0]) == wave && Int(r[1]) == stage).Sum(r => Int(r[2]));
            return all == 0 ? "none" : $"{100.0 * at / all:0}%";
        }

        var (first, last) = (waves[0], waves[^1]);
        return string.Create(CultureInfo.InvariantCulture,
            $"Partnership × objective stages at stage 1 went from {Share(first, 1)} in {first} to {Share(last, 1)} in {last}; at stage {top}, from {Share(first, top)} to {Share(last, top)}.");
    }

    /// <summary>
    /// Who is moving and who stalls since each partnership's previous rated wave: per partnership, the objectives it moved up
    /// and down on (named by number) and how many it held below the last stage; per objective, how many partnerships moved
    /// each way. The leaders of each are named in a sentence first.
    /// </summary>
    private static void MovingAndStalling(HtmlWriter w, DuckDBConnection c, string frameworkId, string waveId, int lastStage)
    {
        w.Element("h2", "Who is moving and who stalls");
        var byUnit = Rows(c, """
            select u.name,
                   count(*) filter (where h.stage_change > 0), count(*) filter (where h.stage_change = 0 and h.stage < $3), count(*) filter (where h.stage_change < 0),
                   coalesce(string_agg(d.number::varchar, ', ' order by d.number) filter (where h.stage_change > 0), ''),
                   coalesce(string_agg(d.number::varchar, ', ' order by d.number) filter (where h.stage_change < 0), ''),
                   count(*) filter (where h.stage_change is not null)
            from marts.stage_history h join research.units u using (unit_id)
            join research.dimensions d on d.framework_id = h.framework_id and d.dimension_code = h.dimension_code
            where h.framework_id = $1 and h.wave_id = $2 and h.role_code = 'ALL'
            group by u.name order by 2 desc, 4, u.name
            """, frameworkId, waveId, lastStage);
        var compared = byUnit.Where(r => Int(r[6]) > 0).ToList();
        if (compared.Count == 0)
        {
            w.Element("p", $"No partnership has an earlier rated wave to compare {waveId} with.", "note");
            return;
        }

        string Leaders(IEnumerable<object?[]> rows, int column, string what) =>
            string.Join("; ", rows.Where(r => Int(r[column]) > 0).OrderByDescending(r => Int(r[column])).ThenBy(r => Str(r[0]), StringComparer.Ordinal).Take(3)
                .Select(r => $"{Str(r[0])} ({Int(r[column])} {what})"));
        var moving = Leaders(compared, 1, "objectives up");
        var stalling = Leaders(compared, 2, "held below the last stage");
        var falling = Leaders(compared, 3, "down");
        w.Raw("<ul class=\"findings\">")
            .Raw("<li><strong>Moving most:</strong> ").Raw(HtmlWriter.Text(moving.Length == 0 ? "no partnership moved up" : moving)).Raw("</li>")
            .Raw("<li><strong>Stalling most:</strong> ").Raw(HtmlWriter.Text(stalling.Length == 0 ? "none" : stalling)).Raw("</li>")
            .Raw("<li><strong>Moved down most:</strong> ").Raw(HtmlWriter.Text(falling.Length == 0 ? "none" : falling)).Raw("</li>");
        var byObjective = Rows(c, """
            select d.number || '. ' || d.title,
                   count(*) filter (where h.stage_change > 0), count(*) filter (where h.stage_change = 0 and h.stage < $3), count(*) filter (where h.stage_change < 0)
            from marts.stage_history h join research.dimensions d on d.framework_id = h.framework_id and d.dimension_code = h.dimension_code
            where h.framework_id = $1 and h.wave_id = $2 and h.role_code = 'ALL' and h.stage_change is not null
            group by d.number, d.title order by d.number
            """, frameworkId, waveId, lastStage);
        var objMoving = Leaders(byObjective, 1, "partnerships up");
        var objStalling = Leaders(byObjective, 2, "partnerships held");
        w.Raw("<li><strong>Objectives moving most:</strong> ").Raw(HtmlWriter.Text(objMoving.Length == 0 ? "none" : objMoving)).Raw("</li>")
            .Raw("<li><strong>Objectives stalling most:</strong> ").Raw(HtmlWriter.Text(objStalling.Length == 0 ? "none" : objStalling)).Raw("</li></ul>\n");
        w.Element("p", "Compared with each partnership's previous rated wave; \"held\" counts only objectives below the last stage, where there was room to move.", "note");
        w.Table($"Moves per partnership in {waveId}", ["Partnership", "Moved up", "Held", "Moved down", "Up on objectives", "Down on objectives"],
            byUnit.Select(r => (IReadOnlyList<string?>)[Str(r[0]), Str(r[1]), Str(r[2]), Str(r[3]), Str(r[4]) is { Length: > 0 } up ? up : "–", Str(r[5]) is { Length: > 0 } down ? down : "–"]));
        w.Raw("<details><summary>Moves per objective</summary>");
        w.Table($"Partnerships moving per objective in {waveId}", ["Objective", "Moved up", "Held", "Moved down"],
            byObjective.Select(r => (IReadOnlyList<string?>)[Str(r[0]), Str(r[1]), Str(r[2]), Str(r[3])]));
        w.Raw("</details>\n");
    }

    internal static string Shorten(string s, int max) => s.Length > max ? s[..(max - 1)].TrimEnd() + "…" : s;
}
