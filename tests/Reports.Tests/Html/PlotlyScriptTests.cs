using System.Text.RegularExpressions;
using Plotly.NET;
using Plotly.NET.CSharp;
using ResearchPipeline.Reports.Html;
using Chart = Plotly.NET.CSharp.Chart;

namespace ResearchPipeline.Reports.Tests.Html;

public sealed class PlotlyScriptTests
{
    private static GenericChart Make() =>
        Chart.Point<int, string, string>(x: [1, 3], y: ["a <b>", "c"], Name: "points").WithSize(Width: 640, Height: 320);

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal) + start.Length;
        return text[from..text.IndexOf(end, from, StringComparison.Ordinal)];
    }

    [Fact]
    public void Fragment_WritesTheSameDataAndLayout_AsPlotlyNetDoes_DefaultTemplateIncluded()
    {
        // The fragment serializes the chart with a bare template and puts the default one back as text (it is the slow part):
        // what the browser gets must be exactly what Plotly.NET itself writes, but for the fixed width (the page's width
        // instead, so that charts fit a phone).
        var native = GenericChart.toChartHTML(Make());
        var fragment = PlotlyScript.Fragment(Make(), "chart-1", "A test chart of 3 points.");
        foreach (var (start, end) in new[] { ("var data = ", ";\n"), ("var layout = ", ";\n") })
        {
            var expected = Between(native, start, end).Replace("<", "\\u003c", StringComparison.Ordinal).Replace("{\"width\":640,", "{\"autosize\":true,", StringComparison.Ordinal);
            Assert.Equal(expected, Between(fragment, start, end));
        }

        Assert.Contains("document.addEventListener('DOMContentLoaded', renderPlotly_chart_1);", fragment, StringComparison.Ordinal);

        Assert.Contains("\"template\":{\"layout\":{\"title\":{\"x\":0.05}", fragment, StringComparison.Ordinal);
        Assert.Contains("<div class=\"chart\" id=\"chart-1\" role=\"figure\" aria-label=\"A test chart of 3 points.\" data-plotly-traces=\"scatter\">", fragment, StringComparison.Ordinal);
    }

    [Fact]
    public void Bundles_BasicIsTheSamePlotlyVersionAsTheFull_AndChosenOnlyWhenItDrawsEveryTrace()
    {
        var full = Regex.Match(PlotlyScript.JavaScriptOf(PlotlyScript.Bundle.Full), @"plotly\.js v(\d+\.\d+\.\d+)").Groups[1].Value;
        var basic = Regex.Match(PlotlyScript.JavaScriptOf(PlotlyScript.Bundle.Basic), @"plotly\.js \(basic - minified\) v(\d+\.\d+\.\d+)").Groups[1].Value;
        Assert.Equal("2.28.0", full);
        Assert.Equal(full, basic);
        Assert.True(PlotlyScript.JavaScriptOf(PlotlyScript.Bundle.Basic).Length < PlotlyScript.JavaScriptOf(PlotlyScript.Bundle.Full).Length / 3);

        var bars = PlotlyScript.Fragment(Make(), "points", "Three points.");
        Assert.Contains("data-plotly-traces=\"scatter\"", bars, StringComparison.Ordinal); // the data's trace types, not the template's
        Assert.Equal(PlotlyScript.Bundle.Basic, PlotlyScript.BundleFor(bars));
        var sankey = SankeyChart.Html("moves", [(1, "one"), (2, "two")], [(1, 2, 3)]);
        Assert.Equal(PlotlyScript.Bundle.Full, PlotlyScript.BundleFor(bars + sankey));
        Assert.Null(PlotlyScript.BundleFor("<p>no chart</p>"));
    }
}
