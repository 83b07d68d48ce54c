using Microsoft.Playwright;
using ResearchPipeline.TestSupport;

namespace ResearchPipeline.Reports.Tests.Partner;

/// <summary>Opens reports in the Debian Chromium (no network) through Playwright, as a partner would.</summary>
[Trait(TestCategory.Trait, TestCategory.Browser)]
public sealed class PartnerReportBrowserTests(SampleReportFixture fixture) : IClassFixture<SampleReportFixture>
{
    [Fact]
    public async Task Open_PartnerReport_ChartsRenderWithoutErrorsOrNetwork()
    {
        await using var chromium = await ReportBrowser.Session();
        var page = await chromium.NewPage(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var errors = new List<string>();
        var requests = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") { errors.Add(m.Text); } };
        page.PageError += (_, e) => errors.Add(e);
        page.Request += (_, r) => { if (!r.Url.StartsWith("file:", StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal)) { requests.Add(r.Url); } };
        await page.GotoAsync(new Uri(fixture.UvaPath).AbsoluteUri);
        await page.WaitForFunctionAsync("document.querySelectorAll('.chart .main-svg').length >= 1");
        Assert.Empty(errors);
        Assert.Empty(requests);
        Assert.Equal(1, await page.Locator(".chart").CountAsync()); // the benchmark; the trajectories are colour-coded tables
        Assert.Equal(1, await page.Locator(".chart .plot-container").CountAsync());
        Assert.Equal(3, await page.Locator("table.stages").CountAsync());
        Assert.True(await page.Locator("table.data").CountAsync() >= 5);
        Assert.Equal(24, await page.Locator("section.objective").CountAsync());
        Assert.Contains("University of Virginia", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("partner")]
    [InlineData("hub")]
    [InlineData("ic")]
    [InlineData("paper")]
    public async Task Open_OnAPhone_NoHorizontalScrollingAndChartsFitTheScreen(string kind)
    {
        await using var chromium = await ReportBrowser.Session();
        var page = await chromium.NewPage(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, DeviceScaleFactor = 2, IsMobile = true });
        var path = fixture.PathOf(kind);
        await page.GotoAsync(new Uri(path).AbsoluteUri);
        await page.WaitForFunctionAsync("document.querySelectorAll('.chart').length > 0 && [...document.querySelectorAll('.chart')].every(c => c.querySelector('.main-svg'))");
        var (scroll, widest) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"),
            await page.EvaluateAsync<int>("Math.ceil(Math.max(...[...document.querySelectorAll('.chart .main-svg')].map(s => s.getBoundingClientRect().right)))"));
        Assert.True(scroll <= 390, $"{kind}: the page is {scroll} px wide on a 390 px screen");
        Assert.True(widest <= 390, $"{kind}: a chart reaches {widest} px on a 390 px screen");
    }

    [Fact]
    public async Task Open_TextBeforeThePlottingLibrary_ThePageReadsBeforeItsChartsDraw()
    {
        var html = File.ReadAllText(fixture.UvaPath);
        var firstText = html.IndexOf("<h1>", StringComparison.Ordinal);
        var library = html.IndexOf("plotly", html.IndexOf("</footer>", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.True(firstText > 0 && library > firstText, "plotly.js comes after the report's text");
        Assert.DoesNotContain("<script>", html[..html.IndexOf("<body>", StringComparison.Ordinal)], StringComparison.Ordinal); // nothing to parse before the body
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Open_ReportsSharingOnePlotly_SmallFilesAndChartsStillDrawOffline()
    {
        var context = fixture.Context with { OutputDirectory = Path.Combine(fixture.Warehouse.Folder, "shared"), SharedPlotly = true };
        var partner = ResearchPipeline.Reports.Partner.PartnerReport.Write(fixture.Warehouse.Connection, "uva-chesterfield", "2022", context);
        var hub = Hub.HubReport.Write(fixture.Warehouse.Connection, "ilead-dp-2018", "2022", context);
        Assert.True(new FileInfo(partner).Length < 600_000, $"{new FileInfo(partner).Length} bytes");
        Assert.True(new FileInfo(hub).Length < 600_000, $"{new FileInfo(hub).Length} bytes");
        Assert.Single(Directory.GetFiles(context.OutputDirectory, "plotly.min.js", SearchOption.AllDirectories)); // the hub's Sankey needs the full bundle
        Assert.Single(Directory.GetFiles(context.OutputDirectory, "plotly-basic.min.js", SearchOption.AllDirectories));
        Assert.Contains("<script src=\"../plotly-basic.min.js\"></script>", File.ReadAllText(partner), StringComparison.Ordinal);
        Assert.Contains("<script src=\"../plotly.min.js\"></script>", File.ReadAllText(hub), StringComparison.Ordinal);

        await using var chromium = await ReportBrowser.Session();
        var page = await chromium.NewPage();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(new Uri(partner).AbsoluteUri);
        await page.WaitForFunctionAsync("document.querySelectorAll('.chart .main-svg').length >= 1");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Open_HostileName_ShownAsTextAndNotRun()
    {
        await using var chromium = await ReportBrowser.Session();
        var page = await chromium.NewPage();
        await page.GotoAsync(new Uri(fixture.HostilePath).AbsoluteUri);
        Assert.Equal(SampleReportFixture.HostileName, await page.Locator("h1").InnerTextAsync());
        Assert.Null(await page.EvaluateAsync<int?>("window.__pwned"));
    }
}
