using System.Text.Json;
using System.Text.Json.Nodes;

namespace ResearchPipeline.Ingest.Api;

/// <summary>
/// One cheap authenticated call to a source, to check a set-up before the first scheduled pull: Qualtrics "Get Survey"
/// (GET API/v3/surveys/{surveyId}: the token and the survey id at once), REDCap "Export Project Info" (content=project:
/// the token and the project). One attempt with a short timeout and no retries; the token never appears in a message.
/// </summary>
public static class SourceProbe
{
    /// <summary>What the server said the source is (survey or project title), or throws <see cref="PullFailedException"/> saying why not.</summary>
    public static async Task<string> CheckAsync(ApiSource source, string token, HttpClient client, TimeSpan timeout, CancellationToken cancel = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        limit.CancelAfter(timeout);
        using var request = source.Kind == "qualtrics" ? QualtricsRequest(source, token) : RedcapRequest(source, token);
        string body;
        int status;
        try
        {
            using var response = await client.SendAsync(request, limit.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
            body = await response.Content.ReadAsStringAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            throw new PullFailedException($"{source.BaseUrl} did not answer within {timeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException ex)
        {
            throw new PullFailedException($"{source.BaseUrl} cannot be reached: {ex.Message.Replace(token, "[token]", StringComparison.Ordinal)}");
        }

        if (status is < 200 or > 299)
        {
            var hint = status switch
            {
                401 or 403 => " Is the token the right one, with API rights?",
                404 when source.Kind == "qualtrics" => $" Is survey_id {source.SurveyId} right, and shared with the token's user?",
                404 => " Is base_url the API's address (it ends in /api/)?",
                _ => "",
            };
            throw new PullFailedException($"HTTP {status}: {ServerReason.From(body, token) ?? "the server gave no reason"}.{hint}");
        }

        try
        {
            var json = JsonNode.Parse(body);
            return source.Kind == "qualtrics"
                ? $"survey \"{json?["result"]?["name"]?.GetValue<string>() ?? source.SurveyId}\""
                : $"project \"{json?["project_title"]?.ToString() ?? "?"}\"";
        }
        catch (JsonException)
        {
            throw new PullFailedException("the answer is not JSON: is base_url the API's address?");
        }
    }

    private static HttpRequestMessage QualtricsRequest(ApiSource source, string token)
    {
        var survey = source.SurveyId ?? throw new PullFailedException("survey_id is missing from the source's configuration.");
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(source.BaseUrl, $"API/v3/surveys/{Uri.EscapeDataString(survey)}"));
        request.Headers.Add("X-API-TOKEN", token);
        return request;
    }

    private static HttpRequestMessage RedcapRequest(ApiSource source, string token) =>
        new(HttpMethod.Post, source.BaseUrl)
        {
            Content = new FormUrlEncodedContent([new("token", token), new("content", "project"), new("format", "json"), new("returnFormat", "json")]),
        };
}
