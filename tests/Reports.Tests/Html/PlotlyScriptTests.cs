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
        Assert.Contains("<div class=\"chart\" id=\"chart-1\" role=\"figure\" aria-label=\"A test chart of 3 points.\">", fragment, StringComparison.Ordinal);
    }
}
