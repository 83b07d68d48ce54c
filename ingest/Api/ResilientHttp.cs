using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace ResearchPipeline.Ingest.Api;

/// <summary>
/// Sends a source's HTTP requests through one Polly pipeline: a per-attempt timeout, retries with jittered exponential
/// backoff for what is transient (network errors, timeouts, 408, 429 honouring Retry-After, 5xx) and for nothing
/// else, and a circuit breaker for the source. Every attempt is counted; a final failure names the source and the
/// step, never the token.
/// </summary>
public sealed class ResilientHttp
{
    private readonly HttpClient _client;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly string _source;
    private int _attempts;

    private readonly string? _secret;

    /// <param name="secret">The source's token, never repeated in a message (a server may echo it in its error text).</param>
    public ResilientHttp(HttpClient client, string source, ApiPolicy policy, TimeProvider clock, string? secret = null)
    {
        _client = client;
        _source = source;
        _secret = secret;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock };

        // max_attempts: 1 means no retry: Polly's retry strategy needs at least one retry, so it is left out.
        if (policy.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(IsTransient),
                MaxRetryAttempts = policy.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = policy.BaseDelay,
                MaxDelay = policy.MaxDelay,
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, policy.MaxDelay, clock)),
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            });
        }

        _pipeline = builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => (int)r.StatusCode >= 500),
                FailureRatio = 1.0,
                MinimumThroughput = Math.Max(2, policy.BreakAfterFailures),
                SamplingDuration = TimeSpan.FromMinutes(5),
                BreakDuration = policy.BreakFor,
            })
            .AddTimeout(policy.AttemptTimeout)
            .Build();
    }

    /// <summary>HTTP attempts made so far, retries included.</summary>
    public int Attempts => _attempts;

    /// <summary>Sends a request (made afresh for every attempt) and returns a successful response, or throws <see cref="PullFailedException"/>.</summary>
    public async Task<HttpResponseMessage> SendAsync(string step, Func<HttpRequestMessage> request, CancellationToken cancel)
    {
        HttpResponseMessage response;
        var tries = 0;
        try
        {
            response = await _pipeline.ExecuteAsync(async token =>
            {
                Interlocked.Increment(ref _attempts);
                tries++;
                using var message = request();
                return await _client.SendAsync(message, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
            }, cancel).ConfigureAwait(false);
        }
        catch (BrokenCircuitException ex)
        {
            throw new PullFailedException($"{_source}: {step}: the source has failed repeatedly and is paused (circuit open); try again later.", ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new PullFailedException($"{_source}: {step}: no answer within the time allowed, after {tries} attempt(s).", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new PullFailedException($"{_source}: {step}: cannot reach the server ({ex.HttpRequestError}), after {tries} attempt(s).", ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        var status = (int)response.StatusCode;
        if (status is >= 300 and < 400)
        {
            var to = response.Headers.Location is { } location ? (location.IsAbsoluteUri ? location.GetLeftPart(UriPartial.Authority) : "another path") : "nowhere it says";
            response.Dispose();
            throw new PullFailedException($"{_source}: {step}: HTTP {status}: the server redirected to {to}; a redirect is not followed with the token. If that address is right, make it the source's base_url.");
        }

        var said = ServerReason.From(await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false), _secret);
        response.Dispose();
        var why = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => "the token was refused; check the token in the environment variable this source names",
            HttpStatusCode.NotFound => "not found; check base_url and the survey or project id",
            _ when IsTransient(response) => $"still failing after {tries} attempt(s)",
            _ => "the server refused the request",
        };
        throw new PullFailedException($"{_source}: {step}: HTTP {status} {response.ReasonPhrase}: {(said is null ? "" : said + "; ")}{why}.");
    }

    private static bool IsTransient(HttpResponseMessage r) =>
        r.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)r.StatusCode >= 500;

    /// <summary>A 429 or 503's Retry-After decides the wait; otherwise null lets the exponential backoff decide.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan max, TimeProvider clock)
    {
        if (response?.Headers.RetryAfter is not { } after)
        {
            return null;
        }

        var wait = after.Delta ?? (after.Date is { } date ? date - clock.GetUtcNow() : null);
        return wait is null ? null : TimeSpan.FromTicks(Math.Clamp(wait.Value.Ticks, 0, max.Ticks));
    }
}
