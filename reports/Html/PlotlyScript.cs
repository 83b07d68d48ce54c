using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;
using Plotly.NET;
using XmlNode = Giraffe.ViewEngine.HtmlElements.XmlNode;

namespace ResearchPipeline.Reports.Html;

/// <summary>
/// plotly.js as Plotly.NET ships it, inlined once per page so reports open with no network, and chart
/// fragments made safe to sit inside that page.
/// </summary>
public static partial class PlotlyScript
{
    private static readonly Lazy<string> Source = new(Extract);

    private static readonly Lazy<string> BasicSource = new(() =>
    {
        using var stream = typeof(PlotlyScript).Assembly.GetManifestResourceStream("plotly/plotly-basic.min.js")
            ?? throw new InvalidOperationException("plotly-basic.min.js is not in the reports assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>Which plotly.js a page carries: the basic bundle (bar, pie, scatter; 1.0 MB) or the full one (3.6 MB).</summary>
    public enum Bundle
    {
        Basic,
        Full,
    }

    /// <summary>The trace types the basic bundle draws (plotly.js's dist/README: "basic").</summary>
    private static readonly HashSet<string> BasicTraces = new(StringComparer.Ordinal) { "bar", "pie", "scatter" };

    /// <summary>The full plotly.min.js text, as Plotly.NET ships it.</summary>
    public static string JavaScript => Source.Value;

    /// <summary>The plotly.js text of a bundle.</summary>
    public static string JavaScriptOf(Bundle bundle) => bundle == Bundle.Basic ? BasicSource.Value : Source.Value;

    /// <summary>The file a folder of reports shares for a bundle.</summary>
    public static string FileNameOf(Bundle bundle) => bundle == Bundle.Basic ? "plotly-basic.min.js" : "plotly.min.js";

    /// <summary>
    /// The smallest bundle that draws every chart of a page: each chart's container names its trace types
    /// (<see cref="Container"/>); null when the page has no chart.
    /// </summary>
    public static Bundle? BundleFor(string body)
    {
        var traces = TracesAttribute().Matches(body).SelectMany(m => m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        return traces.Count == 0 && !body.Contains("class=\"chart\"", StringComparison.Ordinal) ? null
            : traces.All(BasicTraces.Contains) ? Bundle.Basic : Bundle.Full;
    }

    [System.Text.RegularExpressions.GeneratedRegex("data-plotly-traces=\"([a-z0-9 ]*)\"")]
    private static partial System.Text.RegularExpressions.Regex TracesAttribute();

    [System.Text.RegularExpressions.GeneratedRegex("(?:^\\[|\\},)\\{\"type\":\"([a-z0-9]+)\"")]
    private static partial System.Text.RegularExpressions.Regex TopLevelTraceType();

    /// <summary>A layout template with nothing in it: a chart carrying it serializes in a millisecond.</summary>
    private static readonly Template Bare = Template.init(new Layout(), FSharpOption<IEnumerable<Trace>>.None);

    /// <summary>
    /// The JSON of the bare template and of Plotly.NET's default one, each as Plotly.NET writes it. Serializing the default
    /// template (dynamic objects, by reflection) is 99% of the time Plotly.NET takes to write a chart (over 100 ms each), and
    /// it is the same text in every chart; so it is written once per process and put in the place of the bare one.
    /// </summary>
    private static readonly Lazy<(string Bare, string Default)> TemplateJson = new(() =>
    {
        // Two probes: Plotly.NET's with… functions change the chart they are given.
        GenericChart Probe() => Plotly.NET.CSharp.Chart.Point<int, int, string>(x: [0], y: [0]);
        return (TemplateOf(GenericChart.toChartHTML(Plotly.NET.Chart.withTemplate(Bare).Invoke(Probe()))), TemplateOf(GenericChart.toChartHTML(Probe())));
    });

    /// <summary>
    /// A chart as a div plus its drawing script, with '&lt;' escaped in the script so data cannot close it. <paramref name="finding"/>
    /// is its text alternative: what the chart shows, in a sentence with its numbers, for readers who cannot see it.
    /// </summary>
    public static string Fragment(GenericChart chart, string id, string finding)
    {
        var (bare, full) = TemplateJson.Value;
        var html = GenericChart.toChartHTML(Plotly.NET.Chart.withTemplate(Bare).Invoke(chart));
        var at = html.IndexOf(bare, StringComparison.Ordinal);
        if (at < 0 || html.IndexOf(bare, at + bare.Length, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException("Plotly.NET wrote the chart's template in an unexpected way; the default template cannot be put back.");
        }

        html = string.Concat(html.AsSpan(0, at), full, html.AsSpan(at + bare.Length));
        var open = html.IndexOf("<script", StringComparison.Ordinal);
        var bodyStart = html.IndexOf('>', open) + 1;
        var close = html.LastIndexOf("</script>", StringComparison.Ordinal);
        var script = html[bodyStart..close].Replace("<", "\\u003c", StringComparison.Ordinal);
        // Plotly.NET names the div with a random GUID; a stable id keeps reports comparable run to run.
        var guid = System.Text.RegularExpressions.Regex.Match(html, "id=\"([0-9a-f-]{36})\"").Groups[1].Value;
        script = script.Replace(guid, id, StringComparison.Ordinal).Replace(guid.Replace("-", "", StringComparison.Ordinal), id.Replace("-", "_", StringComparison.Ordinal), StringComparison.Ordinal);

        // As wide as the page, not a fixed 1000 px: on a phone the chart fits the screen. And drawn once the page has
        // loaded: plotly.js comes last on the page, so that the text shows before 3.6 MB of script is parsed.
        script = FixedWidth().Replace(script, "var layout = {\"autosize\":true,", 1);
        // On a phone the legend goes under the chart, so that the plot keeps the screen's width.
        var config = script.IndexOf("var config = ", StringComparison.Ordinal);
        if (config < 0)
        {
            throw new InvalidOperationException("Plotly.NET wrote a chart without its config; the phone legend cannot be placed.");
        }

        script = string.Concat(script.AsSpan(0, config), "if (window.innerWidth < 600) { layout.legend = Object.assign({}, layout.legend, {\"orientation\": \"h\", \"y\": -0.3}); }\n", script.AsSpan(config));
        var render = "renderPlotly_" + id.Replace("-", "_", StringComparison.Ordinal);
        var call = script.LastIndexOf(render + "();", StringComparison.Ordinal);
        if (call < 0)
        {
            throw new InvalidOperationException("Plotly.NET wrote a chart without its render call; it cannot be deferred.");
        }

        script = string.Concat(script.AsSpan(0, call), $"document.addEventListener('DOMContentLoaded', {render});", script.AsSpan(call + render.Length + 3));
        var dataStart = script.IndexOf("var data = ", StringComparison.Ordinal) + "var data = ".Length;
        var data = script[dataStart..script.IndexOf(";\n", dataStart, StringComparison.Ordinal)];
        var traces = TopLevelTraceType().Matches(data).Select(m => m.Groups[1].Value).Distinct();
        return $"{Container(id, finding, traces)}<script>{script}</script>";
    }

    /// <summary>
    /// The div a chart is drawn in: a figure (it holds plotly's buttons, so it cannot be an image) labelled with its finding,
    /// which screen readers read in the chart's place.
    /// </summary>
    /// <param name="traces">The plotly trace types the chart draws, so that the page carries a bundle that has them.</param>
    public static string Container(string id, string finding, IEnumerable<string> traces) =>
        $"<div class=\"chart\" id=\"{id}\" role=\"figure\" aria-label=\"{HtmlWriter.Text(finding)}\" data-plotly-traces=\"{string.Join(' ', traces)}\"></div>";

    [System.Text.RegularExpressions.GeneratedRegex(@"var layout = \{""width"":\d+,")]
    private static partial System.Text.RegularExpressions.Regex FixedWidth();

    /// <summary>The <c>"template":{…}</c> member of the layout in a chart's HTML, braces matched.</summary>
    private static string TemplateOf(string html)
    {
        const string key = "\"template\":";
        var start = html.IndexOf(key, StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException("Plotly.NET wrote a chart without a layout template.");
        }

        var depth = 0;
        var inString = false;
        for (var i = start + key.Length; i < html.Length; i++)
        {
            var c = html[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && --depth == 0)
            {
                return html[start..(i + 1)];
            }
        }

        throw new InvalidOperationException("Plotly.NET wrote a chart template whose braces do not close.");
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
