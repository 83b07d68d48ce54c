using ScottPlot;
using SkiaSharp;

namespace ResearchPipeline.Reports.Paper;

/// <summary>
/// The one typeface of the static figures: DejaVu Sans, carried in this assembly (Paper/Fonts, with its licence), so that
/// a figure is drawn the same, text included, on a machine with no fonts installed, and byte for byte on every rebuild.
/// </summary>
internal sealed class FigureFont : IFontResolver
{
    public const string Name = "DejaVu Sans";

    private static readonly Lazy<byte[]> Bytes = new(() =>
    {
        using var stream = typeof(FigureFont).Assembly.GetManifestResourceStream("fonts/DejaVuSans.ttf")
            ?? throw new InvalidOperationException("The figures' font (fonts/DejaVuSans.ttf) is not in the reports assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    private static readonly Lazy<bool> Installed = new(() =>
    {
        Fonts.FontResolvers.Clear();
        Fonts.FontResolvers.Add(new FigureFont());
        Fonts.Default = Name;
        return true;
    });

    /// <summary>Makes every ScottPlot text use this font (once per process).</summary>
    public static void Install() => _ = Installed.Value;

    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) => SKTypeface.FromStream(new MemoryStream(Bytes.Value));

    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) => SKTypeface.FromStream(new MemoryStream(Bytes.Value));
}
