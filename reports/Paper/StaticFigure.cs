using System.Globalization;
using ResearchPipeline.Reports.Html;
using ScottPlot;
using Palette = ResearchPipeline.Reports.Html.Palette;

namespace ResearchPipeline.Reports.Paper;

/// <summary>
/// A paper figure drawn without a browser (ScottPlot): an SVG and a 300 dpi PNG, 6.5 × 4 inches (a manuscript's text
/// width), in the reports' one palette (<see cref="Palette"/>: stages light to dark, series in the Okabe–Ito colours with
/// a marker of their own, so that they stay apart in greyscale too).
/// </summary>
internal static class StaticFigure
{
    private const int Width = 624;  // 6.5 in at 96 px per inch: the SVG's size
    private const int Height = 384; // 4 in
    private const double Dpi = 300;

    public sealed record Drawn(string Svg, byte[] Png);

    /// <param name="rows">The figure's table, as the pack writes it (columns named as in <see cref="PaperItems"/>).</param>
    /// <param name="levels">The framework's stages: progress rank and label.</param>
    public static Drawn Draw(string name, List<string> columns, List<string[]> rows, IReadOnlyList<(int Rank, string Label)> levels, bool synthetic)
    {
        FigureFont.Install();
        int Col(string column) => columns.IndexOf(column);
        var plot = new Plot();
        switch (name)
        {
            case "stage_distribution":
                Stacked(plot, rows.Select(r => r[Col("wave")]).Distinct().ToList(), levels, (wave, rank) => Sum(rows, r => r[Col("wave")] == wave && r[Col("stage")] == Text(rank), Col("n")), "stage");
                plot.XLabel("wave");
                plot.YLabel("partnership × objective stages");
                break;
            case "transitions":
                var latest = rows.Select(r => r[Col("to_wave")]).Max(StringComparer.Ordinal);
                var into = rows.Where(r => r[Col("to_wave")] == latest).ToList();
                Stacked(plot, levels.Select(l => Text(l.Rank)).ToList(), levels, (from, rank) => Sum(into, r => r[Col("from_stage")] == from && r[Col("to_stage")] == Text(rank), Col("n")), "to stage");
                plot.XLabel($"stage at the previous rated wave (moves into {latest})");
                plot.YLabel("partnership × objective stages");
                break;
            case "trajectories":
                var waves = rows.Select(r => r[Col("wave")]).Distinct().ToList();
                foreach (var (partnership, i) in rows.Select(r => r[Col("partnership")]).Distinct().Select((p, i) => (p, i)))
                {
                    var mine = rows.Where(r => r[Col("partnership")] == partnership).ToList();
                    var line = plot.Add.Scatter(mine.Select(r => (double)waves.IndexOf(r[Col("wave")])).ToArray(), mine.Select(r => Number(r[Col("mean_stage")])).ToArray());
                    Series(line, i);
                    line.LegendText = partnership;
                }

                Categories(plot, waves);
                plot.Axes.SetLimitsY(0.8, levels.Count + 0.2);
                plot.XLabel("wave");
                plot.YLabel("mean stage over the objectives");
                break;
            default: // agreement
                var alphaWaves = rows.Select(r => r[Col("wave")]).Distinct().ToList();
                var valid = rows.Where(r => r[Col("alpha_ordinal")].Length > 0).ToList();
                var partnerships = valid.Select(r => r[Col("partnership")]).Distinct().ToList();
                // Each partnership a little to the side of the wave, always the same side: points that tie stay visible.
                var points = plot.Add.ScatterPoints(
                    valid.Select(r => alphaWaves.IndexOf(r[Col("wave")]) + (0.5 * ((partnerships.IndexOf(r[Col("partnership")]) / (double)Math.Max(1, partnerships.Count - 1)) - 0.5))).ToArray(),
                    valid.Select(r => Number(r[Col("alpha_ordinal")])).ToArray());
                points.Color = Color.FromHex(Palette.Series(0));
                points.MarkerSize = 7;
                points.LegendText = "partnership × wave";
                var threshold = plot.Add.HorizontalLine(0.667);
                threshold.Color = Color.FromHex(Palette.Held);
                threshold.LegendText = "0.667: the least for tentative conclusions (Krippendorff)";
                Categories(plot, alphaWaves);
                plot.XLabel("wave");
                plot.YLabel("Krippendorff's alpha (ordinal)");
                break;
        }

        if (synthetic)
        {
            plot.Title("Synthetic sample data", size: 11);
        }

        plot.Legend.FontSize = 10;
        if (name is "stage_distribution" or "transitions" or "agreement")
        {
            // A few long entries: under the chart, so that the chart keeps the width.
            plot.Legend.Orientation = Orientation.Horizontal;
            plot.ShowLegend(Edge.Bottom);
        }
        else
        {
            plot.ShowLegend(Edge.Right);
        }

        plot.Axes.Bottom.Label.FontSize = 12;
        plot.Axes.Left.Label.FontSize = 12;
        var svg = StableIds(plot.GetSvgXml(Width, Height));
        plot.ScaleFactor = Dpi / 96;
        var png = plot.GetImageBytes((int)(Width * Dpi / 96), (int)(Height * Dpi / 96), ImageFormat.Png);
        return new Drawn(svg, PngDensity.Set(png, Dpi));
    }

    /// <summary>
    /// Skia's SVG writer numbers clip paths with a counter of the whole process (cl_18 in one run, cl_42 in the next);
    /// numbered in order of appearance instead, the same figure is the same file.
    /// </summary>
    private static string StableIds(string svg)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        return System.Text.RegularExpressions.Regex.Replace(svg, @"\bcl_([0-9a-f]+)\b", m =>
        {
            if (!ids.TryGetValue(m.Value, out var n))
            {
                n = ids.Count + 1;
                ids[m.Value] = n;
            }

            return "cl_" + n.ToString(CultureInfo.InvariantCulture);
        });
    }

    /// <summary>Columns stacked by stage, each stage in its palette colour, the legend naming the stages.</summary>
    private static void Stacked(Plot plot, List<string> categories, IReadOnlyList<(int Rank, string Label)> levels, Func<string, int, double> value, string legendPrefix)
    {
        var bars = new List<Bar>();
        for (var i = 0; i < categories.Count; i++)
        {
            var bottom = 0.0;
            foreach (var (rank, _) in levels)
            {
                var v = value(categories[i], rank);
                bars.Add(new Bar { Position = i, ValueBase = bottom, Value = bottom + v, FillColor = Color.FromHex(Palette.Stage(rank, levels.Count)), LineWidth = 0.5f, LineColor = Colors.White });
                bottom += v;
            }
        }

        plot.Add.Bars(bars);
        foreach (var (rank, label) in levels.Reverse())
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"{legendPrefix} {rank} · {Shorten(label)}", FillColor = Color.FromHex(Palette.Stage(rank, levels.Count)) });
        }

        Categories(plot, categories);
        plot.Axes.Margins(bottom: 0);
    }

    /// <summary>The i-th series: its colour and marker, so that a dozen partnerships stay told apart, in greyscale too.</summary>
    private static void Series(ScottPlot.Plottables.Scatter line, int i)
    {
        MarkerShape[] markers = [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond, MarkerShape.FilledTriangleDown, MarkerShape.OpenCircle, MarkerShape.OpenSquare, MarkerShape.Cross];
        // Marker shapes cycle against the eight colours (8 and 8 share no period): colour and shape pairs stay apart for 40
        // series. Lines stay solid: dash patterns are path effects that Skia's SVG writer does not support.
        MarkerShape[] shapes = [.. markers, MarkerShape.OpenTriangleUp, MarkerShape.OpenDiamond];
        line.Color = Color.FromHex(Palette.Series(i));
        line.MarkerShape = shapes[i % shapes.Length];
        line.MarkerSize = 7;
        line.LineWidth = 1.5f;
    }

    private static void Categories(Plot plot, List<string> labels) =>
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, labels.Count).Select(i => (double)i).ToArray(), labels.ToArray());

    private static double Sum(List<string[]> rows, Func<string[], bool> where, int column) => rows.Where(where).Sum(r => Number(r[column]));

    private static double Number(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private static string Text(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static string Shorten(string s) => s.Length > 34 ? s[..33].TrimEnd() + "…" : s;
}
