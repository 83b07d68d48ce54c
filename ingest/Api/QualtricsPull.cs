using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ResearchPipeline.Ingest.Api;

/// <summary>
/// The Qualtrics v3 response-export flow: start an export of the survey's responses recorded since the watermark,
/// poll its progress until it is complete (or failed, with its reason), download the file (a zip holding the CSV)
/// and return the CSV. Token in the X-API-TOKEN header.
/// </summary>
public sealed class QualtricsPull(ApiSource source, string token, ResilientHttp http, TimeProvider clock)
{
    public sealed record Export(byte[] Csv, string FileName);

    public async Task<Export> RunAsync(string? startDate, CancellationToken cancel)
    {
        var survey = source.SurveyId ?? throw new PullFailedException($"{source.Name}: survey_id is missing from the source's configuration.");
        var basePath = $"API/v3/surveys/{Uri.EscapeDataString(survey)}/export-responses";

        var body = new JsonObject { ["format"] = "csv", ["compress"] = true, ["useLabels"] = true, ["breakoutSets"] = true };
        if (startDate is not null)
        {
            body["startDate"] = startDate;
        }

        var started = await Json("start the response export", () => Request(HttpMethod.Post, basePath, JsonContent.Create(body)), cancel).ConfigureAwait(false);
        var progressId = started?["result"]?["progressId"]?.GetValue<string>()
            ?? throw new PullFailedException($"{source.Name}: start the response export: the answer has no result.progressId.");

        string? fileId = null;
        for (var poll = 0; fileId is null; poll++)
        {
            if (poll >= source.Policy.MaxPolls)
            {
                throw new PullFailedException($"{source.Name}: the export {progressId} did not finish after {poll} progress checks.");
            }

            if (poll > 0)
            {
                await Task.Delay(source.Policy.PollInterval, clock, cancel).ConfigureAwait(false);
            }

            var progress = await Json("check the export's progress", () => Request(HttpMethod.Get, $"{basePath}/{Uri.EscapeDataString(progressId)}", null), cancel).ConfigureAwait(false);
            var result = progress?["result"];
            switch (result?["status"]?.GetValue<string>())
            {
                case "complete":
                    fileId = result["fileId"]?.GetValue<string>()
                        ?? throw new PullFailedException($"{source.Name}: the export {progressId} is complete but names no fileId.");
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

            return new Export(csv.ToArray(), entry.Name);
        }
        catch (InvalidDataException ex)
        {
            throw new PullFailedException($"{source.Name}: the export file is not a readable zip ({ex.Message}); nothing was loaded.", ex);
        }
    }

    /// <summary>The latest RecordedDate in an export, as the next export's startDate (ISO 8601, UTC).</summary>
    public static string? LatestRecorded(Surveys.SurveyTable table)
    {
        var ids = table.Records.Count > 0 ? table.Records[0].Fields : [];
        var column = Array.FindIndex(ids, f => f.Trim() == "RecordedDate");
        if (column < 0)
        {
            return null;
        }

        var latest = table.Records.Skip(3)
            .Select(r => column < r.Fields.Length && DateTime.TryParse(r.Fields[column], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : (DateTime?)null)
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
}
