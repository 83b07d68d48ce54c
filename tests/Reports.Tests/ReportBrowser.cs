using Microsoft.Playwright;

namespace ResearchPipeline.Reports.Tests;

/// <summary>
/// The Debian Chromium through Playwright, as the report tests open reports: no downloaded browser, no network, no
/// sandbox (CI runs as root). bash .ci/test.sh installs chromium.
/// </summary>
internal sealed class ReportBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;

    private ReportBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<ReportBrowser> Launch()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return new ReportBrowser(playwright, browser);
    }

    /// <summary>A page with the report open and every chart drawn.</summary>
    public async Task<IPage> Open(string path, int width = 1366, int height = 900)
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        await page.GotoAsync(new Uri(path).AbsoluteUri);
        await page.WaitForFunctionAsync("[...document.querySelectorAll('.chart')].every(c => c.querySelector('.main-svg'))");
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
