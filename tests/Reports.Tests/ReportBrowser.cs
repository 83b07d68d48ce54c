using Microsoft.Playwright;

namespace ResearchPipeline.Reports.Tests;

/// <summary>
/// The Debian Chromium through Playwright, as the report tests open reports: no downloaded browser, no network, no
/// sandbox (CI runs as root). bash .ci/test.sh installs chromium. One Chromium serves the whole test process (starting
/// one took a second or two of every browser test); each test's pages are its own (each page has its own browser
/// context: no cookies, storage or cache shared) and are closed when the test disposes its session.
/// </summary>
internal sealed class ReportBrowser : IAsyncDisposable
{
    private static readonly Lazy<Task<IBrowser>> Chromium = new(Launch);

    private readonly IBrowser _browser;
    private readonly List<IPage> _pages = [];

    private ReportBrowser(IBrowser browser) => _browser = browser;

    /// <summary>A session of one test on the process's Chromium (launched by the first).</summary>
    public static async Task<ReportBrowser> Session() => new(await Chromium.Value);

    private static async Task<IBrowser> Launch()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            browser.CloseAsync().Wait(TimeSpan.FromSeconds(5));
            playwright.Dispose();
        };
        return browser;
    }

    /// <summary>A new page in a browser context of its own, closed with the session.</summary>
    public async Task<IPage> NewPage(BrowserNewPageOptions? options = null)
    {
        var page = await _browser.NewPageAsync(options);
        lock (_pages)
        {
            _pages.Add(page);
        }

        return page;
    }

    /// <summary>A page with the report open and every chart drawn.</summary>
    public async Task<IPage> Open(string path, int width = 1366, int height = 900)
    {
        var page = await NewPage(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        await page.GotoAsync(new Uri(path).AbsoluteUri);
        await page.WaitForFunctionAsync("[...document.querySelectorAll('.chart')].every(c => c.querySelector('.main-svg'))");
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var page in _pages)
        {
            await page.CloseAsync();
        }
    }
}
