using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace ResearchPipeline.Jobs.Benchmark;

/// <summary>
/// How fast a report reads in Chromium: the time to its first text (the browser's first-contentful-paint) and until
/// every chart has drawn, both from the start of navigation. Drives a headless Chromium over the DevTools protocol
/// (a WebSocket on 127.0.0.1), so the benchmark needs no browser library.
/// </summary>
public sealed class BrowserTiming : IAsyncDisposable
{
    private readonly Process _browser;
    private readonly ClientWebSocket _socket = new();
    private readonly string _profile;
    private int _id;

    private BrowserTiming(Process browser, string profile)
    {
        _browser = browser;
        _profile = profile;
    }

    public sealed record Timing(double FirstTextMs, double ChartsDrawnMs);

    /// <summary>Starts the browser; null when there is none at <paramref name="chromium"/>.</summary>
    public static async Task<BrowserTiming?> Start(string chromium)
    {
        if (!File.Exists(chromium))
        {
            return null;
        }

        var profile = Directory.CreateTempSubdirectory("rp-benchmark-chromium-").FullName;
        var start = new ProcessStartInfo(chromium,
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--remote-debugging-port=0", $"--user-data-dir={profile}", "about:blank",
        ]) { RedirectStandardError = true, RedirectStandardOutput = true };
        var browser = Process.Start(start) ?? throw new InvalidOperationException($"{chromium} did not start.");
        browser.ErrorDataReceived += (_, _) => { };
        browser.OutputDataReceived += (_, _) => { };
        browser.BeginErrorReadLine();
        browser.BeginOutputReadLine();
        var timing = new BrowserTiming(browser, profile);
        // Chromium writes the port it chose and the browser's WebSocket path into the profile.
        var portFile = Path.Combine(profile, "DevToolsActivePort");
        var clock = Stopwatch.StartNew();
        string[] lines = [];
        while (lines.Length < 2)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30) || browser.HasExited)
            {
                await timing.DisposeAsync();
                throw new InvalidOperationException($"{chromium} did not open its DevTools port within 30 s.");
            }

            await Task.Delay(50);
            lines = File.Exists(portFile) ? File.ReadAllLines(portFile) : [];
        }

        await timing._socket.ConnectAsync(new Uri($"ws://127.0.0.1:{lines[0]}{lines[1]}"), CancellationToken.None);
        return timing;
    }

    /// <summary>Opens the page in a new tab and times it; the median of <paramref name="runs"/> loads.</summary>
    public async Task<Timing> Measure(string file, int runs = 3)
    {
        var timings = new List<Timing>();
        for (var i = 0; i < runs; i++)
        {
            var target = (await Send("Target.createTarget", new { url = "about:blank" })).GetProperty("targetId").GetString()!;
            var session = (await Send("Target.attachToTarget", new { targetId = target, flatten = true })).GetProperty("sessionId").GetString()!;
            var url = new Uri(Path.GetFullPath(file)).AbsoluteUri;
            await Send("Page.navigate", new { url }, session);
            // Wait for the new document, then for every chart to have drawn; times are from the navigation's start.
            const string Script = """
                new Promise(resolve => {
                  const check = () => {
                    const charts = [...document.querySelectorAll('.chart')];
                    const paint = performance.getEntriesByName('first-contentful-paint')[0];
                    if (document.readyState === 'complete' && paint && charts.every(c => c.querySelector('.main-svg'))) {
                      resolve(JSON.stringify({ firstText: paint.startTime, charts: performance.now() }));
                    } else { setTimeout(check, 10); }
                  };
                  check();
                })
                """;
            var clock = Stopwatch.StartNew();
            while ((await Evaluate("location.href", session)) != url)
            {
                if (clock.Elapsed > TimeSpan.FromSeconds(30))
                {
                    throw new InvalidOperationException($"Chromium did not open {file} within 30 s.");
                }

                await Task.Delay(10);
            }

            using var result = JsonDocument.Parse(await Evaluate(Script, session));
            timings.Add(new Timing(result.RootElement.GetProperty("firstText").GetDouble(), result.RootElement.GetProperty("charts").GetDouble()));
            await Send("Target.closeTarget", new { targetId = target });
        }

        var sorted = timings.OrderBy(t => t.ChartsDrawnMs).ToList();
        return new Timing(timings.Select(t => t.FirstTextMs).Order().ElementAt(runs / 2), sorted[runs / 2].ChartsDrawnMs);
    }

    private async Task<string> Evaluate(string expression, string session)
    {
        var result = await Send("Runtime.evaluate", new { expression, awaitPromise = true, returnByValue = true }, session);
        return result.GetProperty("result").TryGetProperty("value", out var value) ? value.GetString() ?? "" : "";
    }

    /// <summary>One DevTools command and its result; events that arrive in between are passed over.</summary>
    private async Task<JsonElement> Send(string method, object parameters, string? session = null)
    {
        var id = ++_id;
        var message = session is null
            ? JsonSerializer.SerializeToUtf8Bytes(new { id, method, @params = parameters })
            : JsonSerializer.SerializeToUtf8Bytes(new { id, method, @params = parameters, sessionId = session });
        await _socket.SendAsync(message, WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[1 << 16];
        while (true)
        {
            using var text = new MemoryStream();
            WebSocketReceiveResult received;
            do
            {
                received = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                text.Write(buffer, 0, received.Count);
            }
            while (!received.EndOfMessage);

            using var reply = JsonDocument.Parse(text.ToArray());
            if (reply.RootElement.TryGetProperty("id", out var replyId) && replyId.GetInt32() == id)
            {
                if (reply.RootElement.TryGetProperty("error", out var error))
                {
                    throw new InvalidOperationException($"Chromium refused {method}: {error.GetRawText()}");
                }

                return reply.RootElement.GetProperty("result").Clone();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
            }
        }
        catch (WebSocketException)
        {
            // The browser is being stopped anyway.
        }

        _socket.Dispose();
        if (!_browser.HasExited)
        {
            _browser.Kill(entireProcessTree: true);
            await _browser.WaitForExitAsync();
        }

        _browser.Dispose();
        Directory.Delete(_profile, recursive: true);
    }
}
