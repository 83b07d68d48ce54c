using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ResearchPipeline.Ingest.Api;

/// <summary>
/// The Qualtrics v3 response-export flow: start an export, poll its progress until it is complete (or failed, with its
/// reason), download the file (a zip holding the CSV) and return the CSV. Token in the X-API-TOKEN header. Every export
/// asks for a continuation token (allowContinuation); the next export continues from it, so it holds the responses
/// added <em>or edited</em> since, and an edit supersedes the earlier response. A watermark that is a RecordedDate (a
/// server that gave no token) starts the export at that date instead.
/// </summary>
public sealed class QualtricsPull(ApiSource source, string token, ResilientHttp http, TimeProvider clock)
{
    /// <summary>How a continuation token is kept as a source's watermark.</summary>
    public const string ContinuationPrefix = "continuation:";

    /// <summary>The export's file, its name in the zip, and the continuation token its completion gave (null: none).</summary>
    public sealed record Export(byte[] Csv, string FileName, string? ContinuationToken);

    public async Task<Export> RunAsync(string? watermark, CancellationToken cancel)
    {
        var survey = source.SurveyId ?? throw new PullFailedException($"{source.Name}: survey_id is missing from the source's configuration.");
        var basePath = $"API/v3/surveys/{Uri.EscapeDataString(survey)}/export-responses";

        var body = new JsonObject { ["format"] = "csv", ["compress"] = true, ["useLabels"] = true, ["breakoutSets"] = true, ["allowContinuation"] = true };
        if (watermark?.StartsWith(ContinuationPrefix, StringComparison.Ordinal) == true)
        {
            body["continuationToken"] = watermark[ContinuationPrefix.Length..];
        }
        else if (watermark is not null)
        {
            body["startDate"] = watermark;
        }

        var started = await Json("start the response export", () => Request(HttpMethod.Post, basePath, JsonContent.Create(body)), cancel).ConfigureAwait(false);
        var progressId = started?["result"]?["progressId"]?.GetValue<string>()
            ?? throw new PullFailedException($"{source.Name}: start the response export: the answer has no result.progressId.");

        // An export that never completes is abandoned once export_timeout has passed on the clock (not after a count of
        // checks, whose length would depend on the poll interval and on retries).
        string? fileId = null;
        string? continuation = null;
        var exportStarted = clock.GetTimestamp();
        for (var poll = 0; fileId is null; poll++)
        {
            if (poll > 0)
            {
                if (clock.GetElapsedTime(exportStarted) >= source.Policy.ExportTimeout)
                {
                    throw new PullFailedException(
                        $"{source.Name}: the export {progressId} did not finish within {Minutes(source.Policy.ExportTimeout)} ({poll} progress checks); " +
                        "nothing was loaded and the watermark did not move. Raise export_timeout_minutes for this source if Qualtrics is slow today.");
                }

                await Task.Delay(source.Policy.PollInterval, clock, cancel).ConfigureAwait(false);
            }

            var progress = await Json("check the export's progress", () => Request(HttpMethod.Get, $"{basePath}/{Uri.EscapeDataString(progressId)}", null), cancel).ConfigureAwait(false);
            var result = progress?["result"];
            switch (result?["status"]?.GetValue<string>())
            {
                case "complete":
                    fileId = result["fileId"]?.GetValue<string>()
                        ?? throw new PullFailedException($"{source.Name}: the export {progressId} is complete but names no fileId.");
                    continuation = result["continuationToken"]?.GetValue<string>();
                    break;
                case "failed":
                    // The reason, when Qualtrics gives one, is under result.error or meta.error.
                    var error = result["error"] ?? progress?["meta"]?["error"];
                    var reason = error?["errorMessage"]?.GetValue<string>() ?? error?["message"]?.GetValue<string>() ?? "no reason given";
                    throw new PullFailedException($"{source.Name}: Qualtrics reports the export {progressId} failed: {reason}.");
                case "inProgress" or "queued":
                    break;
                case var other:
                    throw new PullFailedException($"{source.Name}: check the export's progress: unexpected status \"{other}\".");
            }
        }

        using var file = await http.SendAsync("download the export file", () => Request(HttpMethod.Get, $"{basePath}/{Uri.EscapeDataString(fileId)}/file", null), cancel).ConfigureAwait(false);
        var bytes = await file.Content.ReadAsByteArrayAsync(cancel).ConfigureAwait(false);
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            var csvs = zip.Entries.Where(e => e.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || e.Name.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase)).ToList();
            if (csvs.Count == 0)
            {
                throw new PullFailedException($"{source.Name}: the export file holds no CSV (entries: {string.Join(", ", zip.Entries.Select(e => e.Name))}).");
            }

            // One export, one file: landing the first of several and moving the watermark past the others would lose them
            // for good, so none is landed and the watermark stays where it is.
            if (csvs.Count > 1)
            {
                throw new PullFailedException(
                    $"{source.Name}: the export file holds {csvs.Count} files ({string.Join(", ", csvs.Select(e => e.Name))}) where one was asked for; " +
                    "nothing was loaded and the watermark did not move. Export one survey per source.");
            }

            var entry = csvs[0];
            var max = source.Policy.MaxExportBytes;
            if (entry.Length > max)
            {
                throw new PullFailedException($"{source.Name}: the export's {entry.Name} unzips to {entry.Length:N0} bytes, more than the {max:N0} allowed; nothing was loaded.");
            }

            // The size a zip declares can lie: count what actually comes out, and stop at the limit.
            using var csv = new MemoryStream();
            using (var stream = entry.Open())
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await stream.ReadAsync(buffer, cancel).ConfigureAwait(false)) > 0)
                {
                    if (csv.Length + read > max)
                    {
                        throw new PullFailedException($"{source.Name}: the export's {entry.Name} unzips to more than the {max:N0} bytes allowed; nothing was loaded.");
                    }

                    csv.Write(buffer, 0, read);
                }
            }

            return new Export(csv.ToArray(), entry.Name, continuation);
        }
        catch (InvalidDataException ex)
        {
            throw new PullFailedException($"{source.Name}: the export file is not a readable zip ({ex.Message}); nothing was loaded.", ex);
        }
    }

    /// <summary>
    /// The latest RecordedDate in an export, as the next export's startDate (ISO 8601, UTC), for a server that gives no
    /// continuation token. RecordedDate is in the zone its ImportId cell names ({"ImportId":"recordedDate","timeZone":…}),
    /// UTC when it names none.
    /// </summary>
    public static string? LatestRecorded(Surveys.SurveyTable table)
    {
        var format = Surveys.SurveyFormats.ByKey("qualtrics");
        var headerRows = format.HeaderRows(table);
        var column = format.Columns(table, headerRows).FirstOrDefault(c => c.Id == "RecordedDate");
        if (column is null)
        {
            return null;
        }

        var latest = table.Records.Skip(headerRows)
            .Select(r => column.Index < r.Fields.Length ? Landing.DateText.Read(r.Fields[column.Index], column.TimeZone).Value : null)
            .Max();
        return latest?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
    }

    private HttpRequestMessage Request(HttpMethod method, string path, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, new Uri(source.BaseUrl, path)) { Content = content is null ? null : Clone(content) };
        request.Headers.Add("X-API-TOKEN", token);
        return request;
    }

    private static ByteArrayContent Clone(HttpContent content)
    {
        // A request is sent again on retry: give each attempt its own copy of the body.
        var copy = new ByteArrayContent(content.ReadAsByteArrayAsync().GetAwaiter().GetResult());
        copy.Headers.ContentType = content.Headers.ContentType;
        return copy;
    }

    private async Task<JsonNode?> Json(string step, Func<HttpRequestMessage> request, CancellationToken cancel)
    {
        using var response = await http.SendAsync(step, request, cancel).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new PullFailedException($"{source.Name}: {step}: the answer is not valid JSON ({ex.Message.Split('.')[0]}); nothing was loaded.", ex);
        }
    }

    private static string Minutes(TimeSpan span) =>
        span.TotalMinutes >= 1 ? $"{span.TotalMinutes:0.#} minute(s)" : $"{span.TotalSeconds:0.#} second(s)";
}
