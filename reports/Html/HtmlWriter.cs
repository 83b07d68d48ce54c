using System.Net;
using System.Text;

namespace ResearchPipeline.Reports.Html;

/// <summary>Builds a report page; every piece of text that came from data goes through <see cref="Text"/>.</summary>
public sealed class HtmlWriter
{
    private readonly StringBuilder _body = new();

    public static string Text(string? s) => WebUtility.HtmlEncode(s ?? "");

    public HtmlWriter Raw(string html)
    {
        _body.Append(html);
        return this;
    }

    public HtmlWriter Element(string tag, string? text, string? cssClass = null)
    {
        _body.Append('<').Append(tag);
        if (cssClass is not null)
        {
            _body.Append(" class=\"").Append(cssClass).Append('"');
        }

        _body.Append('>').Append(Text(text)).Append("</").Append(tag).Append(">\n");
        return this;
    }

    /// <summary>A summary card: a number and what it counts.</summary>
    public HtmlWriter Card(object number, string label)
    {
        _body.Append("<div class=\"card\"><div class=\"n\">").Append(Text(Convert.ToString(number, System.Globalization.CultureInfo.InvariantCulture)))
            .Append("</div><div class=\"l\">").Append(Text(label)).Append("</div></div>");
        return this;
    }

    /// <summary>A data table: the chart's numbers, readable without JavaScript.</summary>
    public HtmlWriter Table(string caption, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows, string? cssClass = "data")
    {
        _body.Append("<div class=\"table-wrap\"><table class=\"").Append(cssClass).Append("\"><caption>").Append(Text(caption)).Append("</caption><thead><tr>");
        foreach (var h in headers)
        {
            _body.Append("<th scope=\"col\">").Append(Text(h)).Append("</th>");
        }

        _body.Append("</tr></thead><tbody>\n");
        foreach (var row in rows)
        {
            _body.Append("<tr>");
            foreach (var cell in row)
            {
                _body.Append("<td>").Append(Text(cell)).Append("</td>");
            }

            _body.Append("</tr>\n");
        }

        _body.Append("</tbody></table></div>\n");
        return this;
    }

    /// <summary>Where a page that links to the shared plotly.js names it; <see cref="ReportFile.Write"/> puts the relative path in.</summary>
    public const string SharedPlotlyPlaceholder = "__RP_SHARED_PLOTLY__";

    public string Page(string title, string stamps, bool synthetic, bool sharedPlotly = false)
    {
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Text(title)).Append("</title>")
            .Append("<style>").Append(ReportStyle.Css).Append("</style></head>\n<body>\n");
        if (synthetic)
        {
            page.Append("<div class=\"banner\" role=\"note\">Synthetic sample data: these figures were generated for demonstration and describe no real partnership.</div>\n");
        }

        // plotly.js last: the text and tables show before it is parsed; the charts draw when the page has loaded.
        page.Append("<main>\n").Append(_body).Append("</main>\n<footer>").Append(stamps).Append("</footer>\n")
            .Append(sharedPlotly ? $"<script src=\"{SharedPlotlyPlaceholder}\"></script>" : "<script>" + PlotlyScript.JavaScript + "</script>").Append("\n</body></html>\n");
        return page.ToString();
    }
}
