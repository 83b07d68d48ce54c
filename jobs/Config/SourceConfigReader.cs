using System.Text.RegularExpressions;
using ResearchPipeline.Ingest.Api;
using ResearchPipeline.Models.Yaml;

namespace ResearchPipeline.Jobs.Config;

/// <summary>Reads <c>sources:</c>, the API sources <c>rp pull</c> pulls; ranges follow what the resilience pipeline accepts.</summary>
internal static partial class SourceConfigReader
{
    private static readonly string[] Keys =
    [
        "name", "kind", "base_url", "survey_id", "token_env", "mapping", "batch_size", "timeout_seconds", "max_attempts",
        "retry_base_delay_ms", "record_id_field", "server_time_zone", "poll_interval_seconds", "export_timeout_minutes",
    ];

    public static List<ApiSource> Read(YamlMap root, Func<string, string> resolve)
    {
        var sources = new List<ApiSource>();
        foreach (var item in root.MapList("sources"))
        {
            item.AllowOnly(Keys);
            var before = item.File.Problems.Count;

            // The name becomes a folder of the landing area: it may not hold a path.
            var name = item.RequiredText("name", "a plain name for the source");
            if (name is not null && !SourceName().IsMatch(name))
            {
                item.Problem("name", $"\"{name}\" is not a plain name (lower-case letters, digits, - and _): it becomes a folder of the landing area");
            }

            var kind = item.OneOf("kind", "qualtrics", "redcap");
            if (kind is null && !item.Has("kind"))
            {
                item.Problem("kind", "is missing: qualtrics or redcap");
            }

            var url = item.RequiredText("base_url", "the server's address, e.g. https://example.qualtrics.com");
            Uri? baseUrl = null;
            if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out baseUrl) || baseUrl.Scheme is not ("https" or "http")))
            {
                item.Problem("base_url", $"\"{url}\" is not an http(s) address");
            }

            var tokenEnv = item.RequiredText("token_env", "the name of the environment variable that holds the API token (never the token itself)");
            var mapping = item.RequiredText("mapping", "the mapping file its records go through") is { } m ? resolve(m) : null;
            if (mapping is not null && !File.Exists(mapping))
            {
                item.Problem("mapping", $"mapping file {mapping} does not exist");
            }

            var surveyId = item.Text("survey_id");
            if (kind == "qualtrics" && surveyId is null)
            {
                item.Problem("survey_id", "is missing: the Qualtrics survey (SV_…)");
            }

            var policy = ApiPolicy.Default;
            if (item.Number("timeout_seconds", 0.1, 3600, "seconds one attempt may take") is { } seconds)
            {
                policy = policy with { AttemptTimeout = TimeSpan.FromSeconds(seconds) };
            }

            if (item.Whole("max_attempts", 1, 20, "1 means no retry") is { } attempts)
            {
                policy = policy with { MaxAttempts = attempts };
            }

            if (item.Whole("retry_base_delay_ms", 0, 600_000) is { } ms)
            {
                policy = policy with { BaseDelay = TimeSpan.FromMilliseconds(ms) };
            }

            if (item.Number("poll_interval_seconds", 0.01, 600, "seconds between checks of a Qualtrics export's progress") is { } poll)
            {
                policy = policy with { PollInterval = TimeSpan.FromSeconds(poll) };
            }

            if (item.Number("export_timeout_minutes", 0.01, 1440, "minutes a Qualtrics export may take before the pull gives it up") is { } limit)
            {
                policy = policy with { ExportTimeout = TimeSpan.FromMinutes(limit) };
            }

            var serverZone = item.TimeZone("server_time_zone", ": give the REDCap server's IANA zone, such as America/Chicago");

            var batch = item.Whole("batch_size", 1, 10_000, "records per REDCap request") ?? 100;
            if (item.File.Problems.Count == before && name is not null && kind is not null && baseUrl is not null && tokenEnv is not null && mapping is not null)
            {
                sources.Add(new ApiSource(name, kind, baseUrl, tokenEnv, mapping, surveyId, batch, item.Text("record_id_field")) { Policy = policy, ServerTimeZone = serverZone });
            }
        }

        return sources;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex SourceName();
}
