using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;

namespace ResearchPipeline.TestSupport.Fakes;

/// <summary>
/// The Qualtrics v3 response-export contract, as the Qualtrics API reference ("Start Response Export", "Get Response
/// Export Progress", "Get Response Export File") describes it:
/// - POST …/surveys/{id}/export-responses starts an export; its body needs "format" (csv, tsv, json, ndjson, spss, xml)
///   and a malformed body is a 400 with meta.error; startDate (ISO 8601) limits it to responses recorded at or after it.
/// - allowContinuation: true asks for a continuationToken in the completed export's progress; an export started with
///   that continuationToken holds the responses added or modified since the export that gave it (so an edited response
///   comes again, with its ResponseId and its new values).
/// - GET …/export-responses/{progressId} reports inProgress then complete with a fileId (or failed, with an error);
///   GET …/export-responses/{fileId}/file returns a zip holding the file.
/// - The X-API-TOKEN header must carry the token; errors carry meta.error.errorMessage and meta.requestId.
/// Switches: <see cref="FailExport"/>, <see cref="TruncateZip"/>, <see cref="PollsBeforeComplete"/> (int.MaxValue: never completes).
/// </summary>
public sealed class FakeQualtricsServer(string token, string surveyId, IReadOnlyList<string> headerRows) : FakeHttpServer
{
    private static readonly string[] Formats = ["csv", "tsv", "json", "ndjson", "spss", "xml"];
    private readonly Dictionary<string, (DateTime? Since, int Polls)> _exports = [];

    /// <summary>Each continuation token given, and the time of the export that gave it.</summary>
    private readonly Dictionary<string, DateTime> _tokens = [];

    /// <summary>Per export: answer with a continuation token when complete (allowContinuation), and whether it continues one (changes since, not recorded since).</summary>
    private readonly Dictionary<string, (bool Allow, bool Continues)> _continuation = [];
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

    /// <summary>
    /// Adds a response; with <paramref name="recorded"/>, its RecordedDate is set to that time first. <paramref name="arrived"/>:
    /// when the server got it (what a continuation token compares), its RecordedDate when not given.
    /// </summary>
    public void AddResponse(string[] fields, DateTime? recorded = null, DateTime? arrived = null)
    {
        var column = Array.IndexOf(headerRows[0].Split(','), "RecordedDate");
        if (recorded is { } at)
        {
            fields[column] = at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        }

        var recordedAt = DateTime.Parse(fields[column], CultureInfo.InvariantCulture);
        Responses.Add((recordedAt, Line(fields), arrived ?? recordedAt));
    }

    /// <summary>Edits a response in place (Qualtrics' "Edit response" in Data &amp; Analysis): same ResponseId and RecordedDate, new values, modified now.</summary>
    public void EditResponse(int index, int column, string value, DateTime modified)
    {
        var fields = ResearchPipeline.Ingest.Surveys.SurveyTable.Parse("line.csv", Responses[index].Line).Records[0].Fields;
        fields[column] = value;
        Responses[index] = (Responses[index].Recorded, Line(fields), modified);
    }

    /// <summary>The clock the fake's exports are stamped with (continuation tokens mark it).</summary>
    public Func<DateTime> Now { get; set; } = () => TimeProvider.System.GetUtcNow().UtcDateTime;

    /// <summary>One CSV line as the export writes it.</summary>
    public static string Line(string[] fields) =>
        string.Join(',', fields.Select(f => f.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : f));

    /// <summary>Survey responses: when recorded, and the CSV line (already quoted) as the export writes it.</summary>
    public List<(DateTime Recorded, string Line, DateTime Modified)> Responses { get; } = [];

    public int PollsBeforeComplete { get; set; } = 1;

    public bool FailExport { get; set; }

    public bool TruncateZip { get; set; }

    /// <summary>The name of the CSV inside the export zip (a hostile server may send "../../x.csv").</summary>
    public string EntryName { get; set; } = "iLEAD self-assessment.csv";

    /// <summary>More entries to put in the export zip after the CSV (name, content): a second CSV, padding for a zip bomb.</summary>
    public List<(string Name, byte[] Content)> ExtraEntries { get; } = [];

    /// <summary>The startDate of every export started, as received.</summary>
    public List<string?> StartDates { get; } = [];

    /// <summary>The continuationToken of every export started, as received (null: none).</summary>
    public List<string?> ContinuationTokensReceived { get; } = [];

    private static Answer BadRequest(string message) =>
        Answer.Json(new JsonObject
        {
            ["meta"] = new JsonObject
            {
                ["httpStatus"] = "400 - Bad Request", ["error"] = new JsonObject { ["errorMessage"] = message, ["errorCode"] = "QVAL_1" },
                ["requestId"] = "0c3f6a52-1d8e-4b7a-9f20-5e6d7c8b9a01",
            },
        }.ToJsonString(), 400);

    /// <summary>
    /// "Get Survey" (GET /API/v3/surveys/{surveyId}), as the Qualtrics API reference gives it and ropensci/qualtRics'
    /// metadata() reads it: the token in X-API-TOKEN (else 401 with meta.error); 200 with result.id, result.name,
    /// result.isActive and result.ownerId for a survey the token's user can see; 404 with meta.error for another id.
    /// </summary>
    private (string Route, Func<Answer> Answer) GetSurvey(string id, IReadOnlyDictionary<string, string> headers)
    {
        if (headers.GetValueOrDefault("X-API-TOKEN") != token)
        {
            return ("unauthorized", () => Answer.Json("{\"meta\":{\"httpStatus\":\"401 - Unauthorized\",\"error\":{\"errorMessage\":\"Invalid token\",\"errorCode\":\"AUTH_1\"},\"requestId\":\"5f8c1e0a-7d2b-4c3e-9a61-0b2f4d6e8a10\"}}", 401));
        }

        return id != surveyId
            ? ("GET survey", () => Answer.Json("{\"meta\":{\"httpStatus\":\"404 - Not Found\",\"error\":{\"errorMessage\":\"Resource not found.\",\"errorCode\":\"RCE_1\"},\"requestId\":\"2b7d9e41-6c0a-4f83-b5d2-8e1a3c7f9b60\"}}", 404))
            : ("GET survey", () => Answer.Json(new JsonObject
            {
                ["result"] = new JsonObject { ["id"] = surveyId, ["name"] = SurveyName, ["ownerId"] = "UR_0ABCDEFGHIJKLmn", ["isActive"] = true },
                ["meta"] = new JsonObject { ["httpStatus"] = "200 - OK", ["requestId"] = "7a1c3e5f-2b4d-4e6f-8a0b-1c2d3e4f5a6b" },
            }.ToJsonString()));
    }

    /// <summary>The survey's name, as Get Survey gives it.</summary>
    public string SurveyName { get; set; } = "iLEAD self-assessment";

    protected override (string Route, Func<Answer> Answer) Handle(string method, string path, IReadOnlyDictionary<string, string> headers, string body)
    {
        var prefix = $"/API/v3/surveys/{surveyId}/export-responses";
        if (method == "GET" && path.StartsWith("/API/v3/surveys/", StringComparison.Ordinal) && path.Count(c => c == '/') == 4)
        {
            return GetSurvey(path["/API/v3/surveys/".Length..], headers);
        }

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
                var request = JsonNode.Parse(body) as JsonObject;
                var format = request?["format"]?.GetValue<string>();
                if (format is null || !Formats.Contains(format))
                {
                    return BadRequest($"Invalid request body: format must be one of {string.Join(", ", Formats)}");
                }

                var start = request!["startDate"]?.GetValue<string>();
                if (start is not null && !DateTime.TryParseExact(start, ["yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.fffZ", "yyyy-MM-ddTHH:mm:sszzz"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out _))
                {
                    return BadRequest($"Invalid request body: startDate \"{start}\" is not an ISO 8601 date-time");
                }

                var token = request["continuationToken"]?.GetValue<string>();
                lock (_exports)
                {
                    if (token is not null && !_tokens.ContainsKey(token))
                    {
                        return BadRequest("Invalid continuationToken");
                    }

                    StartDates.Add(start);
                    var id = $"ES_{++_next:D6}";
                    DateTime? since = token is not null ? _tokens[token] : start is null ? null : DateTime.Parse(start, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
                    _exports[id] = (since, 0);
                    _continuation[id] = (request["allowContinuation"]?.GetValue<bool>() == true, token is not null);
                    ContinuationTokensReceived.Add(token);
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
                bool continues;
                lock (_exports)
                {
                    since = _exports[id].Since;
                    continues = _continuation[id].Continues;
                }

                var csv = string.Join("\r\n", headerRows.Concat(Responses
                    .Where(r => since is null || (continues ? r.Modified > since : r.Recorded >= since)).Select(r => r.Line))) + "\r\n";
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

                    if (polls < PollsBeforeComplete)
                    {
                        return Answer.Json("{\"result\":{\"status\":\"inProgress\",\"percentComplete\":50.0,\"fileId\":null},\"meta\":{\"httpStatus\":\"200 - OK\"}}");
                    }

                    var result = new JsonObject { ["status"] = "complete", ["percentComplete"] = 100.0, ["fileId"] = $"{rest}-file" };
                    if (_continuation[rest].Allow)
                    {
                        var token = $"CT_{rest}";
                        _tokens.TryAdd(token, Now());
                        result["continuationToken"] = token;
                    }

                    return Answer.Json(new JsonObject { ["result"] = result, ["meta"] = new JsonObject { ["httpStatus"] = "200 - OK" } }.ToJsonString());
                }
            });
        }

        return ("unknown", () => Answer.Json("{}", 405));
    }
}
