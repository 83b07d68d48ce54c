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
        _body.Append(Wrap(caption)).Append("<table class=\"").Append(cssClass).Append("\"><caption>").Append(Text(caption)).Append("</caption><thead><tr>");
        foreach (var h in headers)
        {
            _body.Append("<th scope=\"col\">").Append(Text(h)).Append("</th>");
        }

        _body.Append("</tr></thead><tbody>\n");
        foreach (var row in rows)
        {
            // The first cell names the row (a partnership, an objective, a wave): a row header for screen readers.
            _body.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                _body.Append(i == 0 ? "<th scope=\"row\">" : "<td>").Append(Text(row[i])).Append(i == 0 ? "</th>" : "</td>");
            }

            _body.Append("</tr>\n");
        }

        _body.Append("</tbody></table></div>\n");
        return this;
    }

    /// <summary>A table's scroll box on a narrow screen: a named region the keyboard can reach and scroll.</summary>
    private static string Wrap(string caption) => $"<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{Text(caption)}\">";

    /// <summary>One cell of a <see cref="StageGrid"/>: a progress rank on a scale of <c>Count</c> stages (null: not rated), its text, and its move since the cell before it.</summary>
    public sealed record StageCell(int? Rank, int Count, string Text, int? Change = null);

    /// <summary>
    /// A table whose cells are stages, each coloured by <see cref="Palette"/> with its number and name, ▲ or ▼ where it
    /// moved, and a hatched "not rated" cell that no stage colour resembles: the chart and its numbers in one.
    /// </summary>
    public HtmlWriter StageGrid(string caption, string corner, IReadOnlyList<string> columns, IEnumerable<(string Row, IReadOnlyList<StageCell> Cells)> rows)
    {
        _body.Append(Wrap(caption)).Append("<table class=\"data stages\"><caption>").Append(Text(caption)).Append("</caption><thead><tr><th scope=\"col\">")
            .Append(Text(corner)).Append("</th>");
        foreach (var c in columns)
        {
            _body.Append("<th scope=\"col\">").Append(Text(c)).Append("</th>");
        }

        _body.Append("</tr></thead><tbody>\n");
        foreach (var (row, cells) in rows)
        {
            _body.Append("<tr><th scope=\"row\">").Append(Text(row)).Append("</th>");
            foreach (var cell in cells)
            {
                if (cell.Rank is not { } rank)
                {
                    _body.Append("<td class=\"not-rated\">").Append(Text(cell.Text)).Append("</td>");
                    continue;
                }

                var move = cell.Change switch
                {
                    > 0 => "<span aria-hidden=\"true\"> ▲</span><span class=\"sr-only\"> (up)</span>",
                    < 0 => "<span aria-hidden=\"true\"> ▼</span><span class=\"sr-only\"> (down)</span>",
                    _ => "",
                };
                _body.Append(System.Globalization.CultureInfo.InvariantCulture, $"<td class=\"stage stage-{rank}-of-{cell.Count}\">").Append(Text(cell.Text)).Append(move).Append("</td>");
            }

            _body.Append("</tr>\n");
        }

        _body.Append("</tbody></table></div>\n");
        return this;
    }

    /// <summary>What each stage colour means, as a row of swatches: "1 · Exploring", "2 · …", and "not rated".</summary>
    /// <param name="levels">Each stage's progress rank (its colour) and how the rubric names it.</param>
    /// <param name="moves">What ▲ and ▼ mean in the grid.</param>
    public HtmlWriter StageLegend(IReadOnlyList<(int Rank, string Text)> levels, string moves = "▲ / ▼ moved up / down since the wave before")
    {
        _body.Append("<ul class=\"legend\" aria-label=\"Stage colours\">");
        foreach (var (rank, text) in levels)
        {
            _body.Append(System.Globalization.CultureInfo.InvariantCulture, $"<li class=\"stage-{rank}-of-{levels.Count}\">").Append(Text(text)).Append("</li>");
        }

        _body.Append("<li class=\"not-rated\" style=\"border:1px solid #d7dee6\">not rated</li><li>").Append(Text(moves)).Append("</li></ul>\n");
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
            .Append("<style>").Append(ReportStyle.Css).Append(Palette.Css()).Append("</style></head>\n<body>\n");
        if (synthetic)
        {
            page.Append("<div class=\"banner\" role=\"note\">Synthetic sample data: these figures were generated for demonstration and describe no real partnership.</div>\n")
                .Append("<style>@page { @top-center { content: \"Synthetic sample data: describes no real partnership\"; font: 600 9pt system-ui, sans-serif; color: #7a5b00; } }</style>\n");
        }

        // plotly.js last, the smallest bundle that draws the page's charts: the text and tables show before it is parsed;
        // the charts draw when the page has loaded.
        var body = _body.ToString();
        page.Append("<main>\n").Append(body).Append("</main>\n<footer>").Append(stamps).Append("</footer>\n");
        if (PlotlyScript.BundleFor(body) is { } bundle)
        {
            page.Append(sharedPlotly ? $"<script src=\"{SharedPlotlyPlaceholder}/{PlotlyScript.FileNameOf(bundle)}\"></script>" : "<script>" + PlotlyScript.JavaScriptOf(bundle) + "</script>");
        }

        page.Append("\n</body></html>\n");
        return page.ToString();
    }
}
