using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;
using Plotly.NET;
using XmlNode = Giraffe.ViewEngine.HtmlElements.XmlNode;

namespace ResearchPipeline.Reports.Html;

/// <summary>
/// plotly.js as Plotly.NET ships it, inlined once per page so reports open with no network, and chart
/// fragments made safe to sit inside that page.
/// </summary>
public static class PlotlyScript
{
    private static readonly Lazy<string> Source = new(Extract);

    /// <summary>The full plotly.min.js text.</summary>
    public static string JavaScript => Source.Value;

    /// <summary>A chart as a div plus its drawing script, with '&lt;' escaped in the script so data cannot close it.</summary>
    public static string Fragment(GenericChart chart, string id)
    {
        var html = GenericChart.toChartHTML(chart);
        var open = html.IndexOf("<script", StringComparison.Ordinal);
        var bodyStart = html.IndexOf('>', open) + 1;
        var close = html.LastIndexOf("</script>", StringComparison.Ordinal);
        var script = html[bodyStart..close].Replace("<", "\\u003c", StringComparison.Ordinal);
        // Plotly.NET names the div with a random GUID; a stable id keeps reports comparable run to run.
        var guid = System.Text.RegularExpressions.Regex.Match(html, "id=\"([0-9a-f-]{36})\"").Groups[1].Value;
        script = script.Replace(guid, id, StringComparison.Ordinal).Replace(guid.Replace("-", "", StringComparison.Ordinal), id.Replace("-", "_", StringComparison.Ordinal), StringComparison.Ordinal);
        return $"<div class=\"chart\" id=\"{id}\" role=\"img\"></div><script>{script}</script>";
    }

    /// <summary>Plotly.NET's heatmap has no z range argument; pin it so that colors mean the same stage in every chart.</summary>
    public static string PinColorRange(string fragment, int min, int max) =>
        fragment.Replace("\"type\":\"heatmap\"", $"\"type\":\"heatmap\",\"zmin\":{min},\"zmax\":{max}", StringComparison.Ordinal);

    /// <summary>Names the color bar's values (a heatmap of progress ranks shows the rubric's own level names).</summary>
    public static string LabelColorBar(string fragment, IReadOnlyList<(int Value, string Label)> ticks)
    {
        var ordered = ticks.OrderBy(t => t.Value).ToList();
        var inner = System.Text.Json.JsonSerializer.Serialize(new { tickvals = ordered.Select(t => t.Value).ToArray(), ticktext = ordered.Select(t => t.Label).ToArray() })
            .Replace("<", "\\u003c", StringComparison.Ordinal)[1..^1];
        const string existing = "\"colorbar\":{";
        var at = fragment.IndexOf(existing, StringComparison.Ordinal);
        return at >= 0
            ? fragment[..(at + existing.Length)] + inner + "," + fragment[(at + existing.Length)..]
            : fragment.Replace("\"type\":\"heatmap\"", $"\"type\":\"heatmap\",\"colorbar\":{{{inner}}}", StringComparison.Ordinal);
    }

    private static string Extract()
    {
        var probe = Plotly.NET.CSharp.Chart.Point<int, int, string>(x: [0], y: [0]);
        var options = DisplayOptions.init(
            FSharpOption<string>.None, FSharpOption<string>.None, FSharpOption<string>.None,
            FSharpOption<XmlNode>.None, FSharpOption<FSharpList<XmlNode>>.None, FSharpOption<FSharpList<XmlNode>>.None,
            FSharpOption<PlotlyJSReference>.Some(PlotlyJSReference.Full));
        var page = GenericChart.toEmbeddedHTML(GenericChart.addDisplayOptions(options, probe));
        var start = page.IndexOf("<script type=\"text/javascript\" charset=\"utf-8\">", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException("Plotly.NET did not inline plotly.js; reports cannot be made self-contained.");
        }

        start = page.IndexOf('>', start) + 1;
        var end = page.IndexOf("</script>", start, StringComparison.Ordinal);
        return page[start..end];
    }
}
