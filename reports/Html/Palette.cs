using System.Globalization;
using System.Text.Json;

namespace ResearchPipeline.Reports.Html;

/// <summary>
/// The one palette of every report and figure. Stages (progress ranks): ColorBrewer's sequential YlGnBu, which
/// stays ordered for colour-blind readers and in greyscale print, light for the first stage and dark for the last.
/// Its lightest class is left out, so that stage 1 is never mistaken for the page or for a cell that was not rated.
/// </summary>
public static class Palette
{
    // Okabe & Ito (2008), "Color Universal Design": eight colours told apart with every common colour-vision deficiency.
    private static readonly string[] OkabeIto = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000"];

    /// <summary>The colour of the <paramref name="index"/>-th series of a chart whose series are not stages (roles, say).</summary>
    public static string Series(int index) => OkabeIto[index % OkabeIto.Length];

    // ColorBrewer YlGnBu (Cynthia Brewer, colorbrewer2.org, Apache-2.0), the 5- and 6-class schemes without their lightest class.
    private static readonly string[] Four = ["#a1dab4", "#41b6c4", "#2c7fb8", "#253494"];
    private static readonly string[] Five = ["#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494"];

    /// <summary>Direction of movement, from the Okabe–Ito colour-blind-safe set: up blue, held grey, down vermilion.</summary>
    public const string Up = "#0072b2";
    public const string Held = "#999999";
    public const string Down = "#d55e00";

    /// <summary>The fill of progress rank <paramref name="rank"/> (1-based) on a scale of <paramref name="count"/> stages.</summary>
    public static string Stage(int rank, int count)
    {
        var scheme = count <= 4 ? Four : Five;
        var at = count <= 1 ? scheme.Length - 1 : (int)Math.Round((rank - 1) * (scheme.Length - 1) / (double)(count - 1));
        return scheme[Math.Clamp(at, 0, scheme.Length - 1)];
    }

    /// <summary>Text on that fill: black on the light classes, white on the darkest (each at least 4.5:1).</summary>
    public static string Ink(int rank, int count) => Stage(rank, count) == "#253494" ? "#ffffff" : "#000000";

    /// <summary>All fills of a scale, first stage first.</summary>
    public static IReadOnlyList<string> Fills(int count) => Enumerable.Range(1, count).Select(r => Stage(r, count)).ToList();

    /// <summary>The CSS classes <c>stage-N-of-C</c> for a table cell showing a stage, plus the "not rated" cell.</summary>
    public static string Css()
    {
        var css = new System.Text.StringBuilder();
        foreach (var count in new[] { 4, 5 })
        {
            for (var r = 1; r <= count; r++)
            {
                css.Append(CultureInfo.InvariantCulture, $".stage-{r}-of-{count} {{ background:{Stage(r, count)}; color:{Ink(r, count)}; }}\n");
            }
        }

        return css.ToString();
    }
}
