using System.Diagnostics;
using Microsoft.Playwright;
using ResearchPipeline.Reports.Tests.Partner;
using ResearchPipeline.TestSupport;

namespace ResearchPipeline.Reports.Tests.Html;

/// <summary>
/// Reports printed to PDF by Chromium on A4 and Letter, read back with pdftotext (poppler-utils; bash .ci/test.sh
/// installs it): the sample banner on every page, collapsed sections printed open, no toolbar, nothing wider than the page.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Browser)]
public sealed class PrintTests(SampleReportFixture fixture) : IClassFixture<SampleReportFixture>
{
    public static TheoryData<string, string> Cases => new() { { "partner", "A4" }, { "partner", "Letter" }, { "hub", "A4" }, { "hub", "Letter" }, { "ic", "A4" } };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Print_Report_BannerOnEveryPageSectionsOpenNothingClipped(string kind, string format)
    {
        await using var chromium = await ReportBrowser.Session();
        var page = await chromium.Open(fixture.PathOf(kind));
        var pdf = Path.Combine(fixture.Warehouse.Folder, $"print-{kind}-{format}.pdf");
        await page.PdfAsync(new PagePdfOptions { Path = pdf, Format = format, PrintBackground = true });
        var pages = PdfText(pdf).Split('\f').SkipLast(1).ToList();
        Assert.True(pages.Count >= 3, $"{kind}: {pages.Count} pages");
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.True(pages[i].Contains("Synthetic sample data", StringComparison.Ordinal), $"{kind} on {format}: page {i + 1} of {pages.Count} has no sample-data banner");
            Assert.Matches($@"(?m)\b{i + 1} ?/ ?{pages.Count}\s*$", pages[i]); // "page / pages" in the bottom margin
        }

        var text = string.Join("\n", pages);
        // What only a collapsed section holds (text the screen does not show: innerText leaves it out) is printed.
        var hidden = await page.EvalOnSelectorAllAsync<string[]>("details:not([open]) td",
            "cells => { const shown = document.body.innerText; return cells.map(c => c.textContent.trim()).filter(t => t.length > 12 && !shown.includes(t)).slice(0, 20); }");
        Assert.True(kind != "hub" || hidden.Length > 0, "the hub's comments are in collapsed sections");
        foreach (var inside in hidden)
        {
            Assert.Contains(Words(inside), Words(text), StringComparison.Ordinal);
        }

        // As printed: the toolbar hidden, and no table, chart or line of text wider than the page's printable width.
        var printable = format == "A4" ? 703 : 725; // (210 mm or 8.5 in) less 2 × 12 mm of margin, at 96 px per inch
        await page.SetViewportSizeAsync(printable, 1000);
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await page.WaitForTimeoutAsync(300); // plotly redraws its charts on the resize
        Assert.True(await page.EvaluateAsync<bool>("[...document.querySelectorAll('.modebar-container')].every(e => getComputedStyle(e).display === 'none')"));
        var wide = await page.EvaluateAsync<string[]>($"[...document.querySelectorAll('table, .chart .main-svg, p, li, h1, h2, h3')].filter(e => e.getBoundingClientRect().right > {printable} + 1).map(e => e.tagName + ': ' + (e.textContent || '').slice(0, 60) + ' (' + Math.round(e.getBoundingClientRect().right) + ' px)')");
        Assert.True(wide.Length == 0, $"{kind} on {format}: wider than the page:\n" + string.Join("\n", wide.Take(10)));
    }

    private static string Words(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string PdfText(string pdf)
    {
        using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-layout", pdf, "-"]) { RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("pdftotext did not start: bash .ci/test.sh installs poppler-utils");
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return text;
    }
}
