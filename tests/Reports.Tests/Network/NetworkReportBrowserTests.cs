using Microsoft.Playwright;
using ResearchPipeline.Reports.Paper;
using ResearchPipeline.Reports.Tests.Partner;
using ResearchPipeline.TestSupport;

namespace ResearchPipeline.Reports.Tests.Network;

/// <summary>The hub review, an IC-map report and a paper figure, opened in the Debian Chromium with no network.</summary>
[Trait(TestCategory.Trait, TestCategory.Browser)]
public sealed class NetworkReportBrowserTests(SampleReportFixture fixture) : IClassFixture<SampleReportFixture>
{
    public static TheoryData<string> Kinds => ["hub", "ic", "paper"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Open_Report_EveryChartRenderedEveryTablePresentNothingRunFromData(string kind)
    {
        var path = kind switch
        {
            "hub" => fixture.HubPath,
            "ic" => fixture.IcPath,
            _ => fixture.PaperFigure(),
        };
        await using var chromium = await ReportBrowser.Session();
        var page = await chromium.NewPage(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 800 } });
        var errors = new List<string>();
        var requests = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") { errors.Add(m.Text); } };
        page.PageError += (_, e) => errors.Add(e);
        page.Request += (_, r) => { if (!r.Url.StartsWith("file:", StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal)) { requests.Add(r.Url); } };
        await page.GotoAsync(new Uri(path).AbsoluteUri);
        var charts = await page.Locator(".chart").CountAsync();
        Assert.True(charts >= 1);
        await page.WaitForFunctionAsync($"document.querySelectorAll('.chart .main-svg').length >= {charts}");
        Assert.Equal(charts, await page.Locator(".chart .plot-container").CountAsync());
        Assert.True(await page.Locator("table.data").CountAsync() >= charts);
        Assert.Empty(errors);
        Assert.Empty(requests);
        Assert.Null(await page.EvaluateAsync<int?>("window.__pwnedComment"));
        if (kind == "hub")
        {
            Assert.Contains(SampleReportFixture.HostileComment, await page.Locator("main").TextContentAsync(), StringComparison.Ordinal); // as text, in its partnership's comments
        }
    }
}
