using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;

namespace ResearchPipeline.TestSupport.Fakes;

/// <summary>
/// The Qualtrics v3 response-export contract: POST …/surveys/{id}/export-responses starts an export (responses
/// recorded at or after startDate), GET …/export-responses/{progressId} reports inProgress then complete with a
/// fileId (or failed, with an error), GET …/export-responses/{fileId}/file returns a zip holding the CSV.
/// The X-API-TOKEN header must carry the token. Switches: <see cref="FailExport"/>, <see cref="TruncateZip"/>.
/// </summary>
public sealed class FakeQualtricsServer(string token, string surveyId, IReadOnlyList<string> headerRows) : FakeHttpServer
{
    private readonly Dictionary<string, (DateTime? Since, int Polls)> _exports = [];
    private int _next;

    /// <summary>A fake serving the header rows and the first <paramref name="responses"/> responses of a Qualtrics CSV export.</summary>
    public static FakeQualtricsServer FromExport(string token, string surveyId, string exportCsv, int responses)
    {
        var table = ResearchPipeline.Ingest.Surveys.SurveyTable.Parse(Path.GetFileName(exportCsv), File.ReadAllText(exportCsv));
        var server = new FakeQualtricsServer(token, surveyId, table.Records.Take(3).Select(r => Line(r.Fields)).ToList());
        foreach (var (_, fields) in table.Records.Skip(3).Take(responses))
        {
            server.AddResponse(fields);
        }

        return server;
    }

    /// <summary>Adds a response; with <paramref name="recorded"/>, its RecordedDate is set to that time first.</summary>
    public void AddResponse(string[] fields, DateTime? recorded = null)
    {
        var column = Array.IndexOf(headerRows[0].Split(','), "RecordedDate");
        if (recorded is { } at)
        {
            fields[column] = at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        }

        Responses.Add((DateTime.Parse(fields[column], CultureInfo.InvariantCulture), Line(fields)));
    }

    /// <summary>One CSV line as the export writes it.</summary>
    public static string Line(string[] fields) =>
        string.Join(',', fields.Select(f => f.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : f));

    /// <summary>Survey responses: when recorded, and the CSV line (already quoted) as the export writes it.</summary>
    public List<(DateTime Recorded, string Line)> Responses { get; } = [];

    public int PollsBeforeComplete { get; set; } = 1;

    public bool FailExport { get; set; }

    public bool TruncateZip { get; set; }

    /// <summary>The name of the CSV inside the export zip (a hostile server may send "../../x.csv").</summary>
    public string EntryName { get; set; } = "iLEAD self-assessment.csv";

    /// <summary>More entries to put in the export zip after the CSV (name, content): a second CSV, padding for a zip bomb.</summary>
    public List<(string Name, byte[] Content)> ExtraEntries { get; } = [];

    /// <summary>The startDate of every export started, as received.</summary>
    public List<string?> StartDates { get; } = [];

    protected override (string Route, Func<Answer> Answer) Handle(string method, string path, IReadOnlyDictionary<string, string> headers, string body)
    {
        var prefix = $"/API/v3/surveys/{surveyId}/export-responses";
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return ("unknown", () => Answer.Json("{\"meta\":{\"httpStatus\":\"404 - Not Found\"}}", 404));
        }

        if (headers.GetValueOrDefault("X-API-TOKEN") != token)
        {
            // Qualtrics v3 error shape: meta.httpStatus, meta.error (errorMessage, errorCode) and meta.requestId.
            return ("unauthorized", () => Answer.Json("{\"meta\":{\"httpStatus\":\"401 - Unauthorized\",\"error\":{\"errorMessage\":\"Invalid token\",\"errorCode\":\"AUTH_1\"},\"requestId\":\"5f8c1e0a-7d2b-4c3e-9a61-0b2f4d6e8a10\"}}", 401));
        }

        var rest = path[prefix.Length..].Trim('/');
        if (method == "POST" && rest.Length == 0)
        {
            return ("POST export", () =>
            {
                var start = JsonNode.Parse(body)?["startDate"]?.GetValue<string>();
                lock (_exports)
                {
                    StartDates.Add(start);
                    var id = $"ES_{++_next:D6}";
                    _exports[id] = (start is null ? null : DateTime.Parse(start, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal), 0);
                    return Answer.Json($"{{\"result\":{{\"progressId\":\"{id}\",\"percentComplete\":0.0,\"status\":\"inProgress\"}},\"meta\":{{\"httpStatus\":\"200 - OK\"}}}}");
                }
            });
        }

        if (method == "GET" && rest.EndsWith("/file", StringComparison.Ordinal))
        {
            return ("GET file", () =>
            {
                var id = rest[..^"/file".Length].Replace("-file", "", StringComparison.Ordinal);
                DateTime? since;
                lock (_exports)
                {
                    since = _exports[id].Since;
                }

                var csv = string.Join("\r\n", headerRows.Concat(Responses.Where(r => since is null || r.Recorded >= since).Select(r => r.Line))) + "\r\n";
                using var zip = new MemoryStream();
                using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
                {
                    using (var entry = archive.CreateEntry(EntryName).Open())
                    {
                        entry.Write(Encoding.UTF8.GetPreamble());
                        entry.Write(Encoding.UTF8.GetBytes(csv));
                    }

                    foreach (var (name, content) in ExtraEntries)
                    {
                        using var extra = archive.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                        extra.Write(content);
                    }
                }

                var bytes = zip.ToArray();
                return new Answer(200, "application/octet-stream", TruncateZip ? bytes[..(bytes.Length / 2)] : bytes);
            });
        }

        if (method == "GET")
        {
            return ("GET progress", () =>
            {
                lock (_exports)
                {
                    var (since, polls) = _exports[rest];
                    _exports[rest] = (since, polls + 1);
                    if (FailExport)
                    {
                        return Answer.Json("{\"result\":{\"status\":\"failed\",\"percentComplete\":40.0,\"fileId\":null,\"error\":{\"errorCode\":\"RSE_1\",\"errorMessage\":\"Export exceeded the size limit\"}},\"meta\":{\"httpStatus\":\"200 - OK\"}}");
                    }

                    return polls < PollsBeforeComplete
                        ? Answer.Json("{\"result\":{\"status\":\"inProgress\",\"percentComplete\":50.0,\"fileId\":null},\"meta\":{\"httpStatus\":\"200 - OK\"}}")
                        : Answer.Json($"{{\"result\":{{\"status\":\"complete\",\"percentComplete\":100.0,\"fileId\":\"{rest}-file\"}},\"meta\":{{\"httpStatus\":\"200 - OK\"}}}}");
                }
            });
        }

        return ("unknown", () => Answer.Json("{}", 405));
    }
}
