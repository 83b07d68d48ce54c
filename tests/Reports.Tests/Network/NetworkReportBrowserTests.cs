using Microsoft.Playwright;
using ResearchPipeline.Reports.Paper;
using ResearchPipeline.Reports.Tests.Partner;

namespace ResearchPipeline.Reports.Tests.Network;

/// <summary>The hub review, an IC-map report and a paper figure, opened in the Debian Chromium with no network.</summary>
[Trait("Category", "Browser")] // needs Debian chromium: bash .ci/test.sh installs it
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
            _ => PaperFigure(),
        };
        var playwright = await Playwright.CreateAsync();
        using var _ = playwright;
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 800 } });
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

    private string PaperFigure()
    {
        var spec = new PaperSpec("browser-pack", "ilead-dp-2018", ["transitions"], []);
        var pack = PaperPack.Write(fixture.Warehouse.Connection, spec, fixture.Context with { OutputDirectory = Path.Combine(fixture.Warehouse.Folder, "paper-browser") }, PaperPack.SaltFor("paper-test-key-0123456789abcdef"u8.ToArray(), spec.Name));
        return pack.Files.Single(f => f.EndsWith(".html", StringComparison.Ordinal));
    }
}
