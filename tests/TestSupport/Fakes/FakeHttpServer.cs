using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ResearchPipeline.TestSupport.Fakes;

/// <summary>
/// A small real HTTP server on 127.0.0.1 (HttpListener on a free port) for API tests: subclasses answer the
/// published contract; queued faults replace the next answers (500, 429 with Retry-After, a stall past the client's
/// timeout, 401, a malformed body). Every request is counted by route.
/// </summary>
public abstract class FakeHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<Fault> _faults = new();
    private readonly Task _loop;

    protected FakeHttpServer()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseUrl.ToString());
        _listener.Start();
        _loop = Task.Run(Loop);
    }

    public enum FaultKind
    {
        ServerError,
        TooManyRequests,
        Stall,
        Unauthorized,
        MalformedJson,

        /// <summary>302 to another server (<see cref="Fault.Location"/>): a client must not take its token there.</summary>
        RedirectElsewhere,
    }

    public sealed record Fault(FaultKind Kind, string? Route, int RetryAfterSeconds = 1, TimeSpan Stall = default, Uri? Location = null);

    public Uri BaseUrl { get; }

    /// <summary>Requests by route ("POST export", "GET progress" …), faulted ones included.</summary>
    public ConcurrentDictionary<string, int> Requests { get; } = new();

    public int TotalRequests => Requests.Values.Sum();

    /// <summary>Every header and body received, to check that tokens went where they belong.</summary>
    public ConcurrentBag<string> Seen { get; } = [];

    /// <summary>The next request (to <paramref name="route"/>, or to any route when null) gets this fault instead of its answer.</summary>
    public void Inject(FaultKind kind, string? route = null, int times = 1, int retryAfterSeconds = 1, TimeSpan stall = default, Uri? location = null)
    {
        for (var i = 0; i < times; i++)
        {
            _faults.Enqueue(new Fault(kind, route, retryAfterSeconds, stall, location));
        }
    }

    protected sealed record Answer(int Status, string ContentType, byte[] Body)
    {
        public int? RetryAfterSeconds { get; init; }

        public Uri? Location { get; init; }

        public static Answer Json(string json, int status = 200) => new(status, "application/json", Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Route name for counting and faults, and the contract's answer.</summary>
    protected abstract (string Route, Func<Answer> Answer) Handle(string method, string path, IReadOnlyDictionary<string, string> headers, string body);

    private async Task Loop()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            _ = Task.Run(() => Serve(context));
        }
    }

    private async Task Serve(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync().ConfigureAwait(false);
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
            Seen.Add(string.Join("\n", headers.Select(h => $"{h.Key}: {h.Value}")) + "\n\n" + body);
            var (route, answer) = Handle(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, headers, body);
            Requests.AddOrUpdate(route, 1, (_, n) => n + 1);
            var result = TakeFault(route) is { } fault ? await Faulted(fault).ConfigureAwait(false) : answer();
            if (result is null)
            {
                context.Response.Abort(); // the stall outlived the client, which has gone
                return;
            }

            context.Response.StatusCode = result.Status;
            if (result.RetryAfterSeconds is { } after)
            {
                context.Response.AddHeader("Retry-After", after.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (result.Location is { } location)
            {
                context.Response.AddHeader("Location", location.ToString());
            }

            context.Response.ContentType = result.ContentType;
            await context.Response.OutputStream.WriteAsync(result.Body).ConfigureAwait(false);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The client gave up on this request (a timeout test); nothing to answer.
        }
    }

    private Fault? TakeFault(string route)
    {
        lock (_faults)
        {
            if (_faults.TryPeek(out var next) && (next.Route is null || next.Route == route))
            {
                _faults.TryDequeue(out _);
                return next;
            }
        }

        return null;
    }

    private static async Task<Answer?> Faulted(Fault fault)
    {
        switch (fault.Kind)
        {
            case FaultKind.ServerError:
                return Answer.Json("{\"meta\":{\"httpStatus\":\"500 - Internal Server Error\"}}", 500);
            case FaultKind.TooManyRequests:
                return new Answer(429, "application/json", Encoding.UTF8.GetBytes("{\"meta\":{\"httpStatus\":\"429 - Too Many Requests\"}}")) { RetryAfterSeconds = fault.RetryAfterSeconds };
            case FaultKind.Unauthorized:
                // Qualtrics v3: every response has meta.httpStatus and meta.requestId (the id its support asks for); an error
                // adds meta.error with errorMessage and errorCode.
                return Answer.Json("{\"meta\":{\"httpStatus\":\"401 - Unauthorized\",\"error\":{\"errorMessage\":\"Invalid token\",\"errorCode\":\"AUTH_1\"},\"requestId\":\"5f8c1e0a-7d2b-4c3e-9a61-0b2f4d6e8a10\"}}", 401);
            case FaultKind.MalformedJson:
                return Answer.Json("{\"result\": {\"progressId\": ", 200);
            case FaultKind.RedirectElsewhere:
                return new Answer(302, "text/plain", []) { Location = fault.Location };
            default:
                await Task.Delay(fault.Stall == default ? TimeSpan.FromSeconds(5) : fault.Stall).ConfigureAwait(false);
                return null;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
