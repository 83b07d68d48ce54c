using System.Text.Json;

namespace ResearchPipeline.Reports.Html;

/// <summary>Stage-to-stage moves between two waves as a Sankey diagram.</summary>
public static class SankeyChart
{
    /// <summary>A Sankey of stage-to-stage moves, written as a plotly.js trace (Plotly.NET.CSharp has no Sankey); labels are JSON-escaped.</summary>
    public static string Html(string id, List<(int Rank, string Label)> levels, List<(int From, int To, int Count)> links)
    {
        var (up, held, down) = (links.Where(l => l.To > l.From).Sum(l => l.Count), links.Where(l => l.To == l.From).Sum(l => l.Count), links.Where(l => l.To < l.From).Sum(l => l.Count));
        var finding = $"Moves between stages since the previous rated wave: {up} up, {held} held, {down} down, of {up + held + down} partnership × objective stages.";
        var n = levels.Count;
        var trace = new
        {
            type = "sankey",
            arrangement = "fixed",
            node = new
            {
                label = levels.Select(l => $"{l.Rank} · {l.Label} (before)").Concat(levels.Select(l => $"{l.Rank} · {l.Label} (now)")).ToArray(),
                color = levels.Concat(levels).Select(l => Palette.Stage(l.Rank, n)).ToArray(),
                line = new { color = "#1f2a37", width = 0.5 },
                pad = 18,
                thickness = 18,
            },
            // Links coloured by direction (up, held, down), translucent so that crossing links stay readable.
            link = new
            {
                source = links.Select(l => l.From - 1).ToArray(),
                target = links.Select(l => n + l.To - 1).ToArray(),
                value = links.Select(l => l.Count).ToArray(),
                color = links.Select(l => (l.To > l.From ? Palette.Up : l.To < l.From ? Palette.Down : Palette.Held) + "99").ToArray(),
                customdata = links.Select(l => l.To > l.From ? "moved up" : l.To < l.From ? "moved down" : "held").ToArray(),
                hovertemplate = "%{source.label} → %{target.label}: %{value} (%{customdata})<extra></extra>",
            },
        };
        var json = JsonSerializer.Serialize(new[] { trace }).Replace("<", "\\u003c", StringComparison.Ordinal);
        // As wide as the page, drawn once plotly.js (last on the page) has loaded: as PlotlyScript.Fragment does.
        return $"{PlotlyScript.Container(id, finding, ["sankey"])}<script>document.addEventListener('DOMContentLoaded', () => Plotly.newPlot('{id}', {json}, " +
               $"{{\"autosize\":true,\"height\":460,\"margin\":{{\"l\":20,\"r\":20,\"t\":20,\"b\":20}}}}, {{\"responsive\":true}}));</script>";
    }
}
