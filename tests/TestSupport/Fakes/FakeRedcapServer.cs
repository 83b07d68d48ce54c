using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ResearchPipeline.TestSupport.Fakes;

/// <summary>
/// A REDCap project behind the REDCap API (one POST endpoint, form-encoded), as its documentation and its source say,
/// not as our client would like it. The references, cited at each behaviour below:
/// [Help] the REDCap "API Help Page" (Export Records, Export Metadata, Export Events, Export Project Info; its
///        parameter texts are quoted in REDCapR's R/redcap-read.R and R/redcap-read-oneshot.R);
/// [Src]  the REDCap API source, API/record/export.php (getRecords, getModifiedAndNewRecordsInSpan, reformatDate);
/// [Err]  the API Help's "Error Messages": an error is {"error": "…"} in the requested returnFormat, HTTP 400 for a
///        request that is invalid, 403 without API rights.
/// </summary>
public sealed class FakeRedcapServer(string token, JsonArray metadata) : FakeHttpServer
{
    /// <summary>
    /// Rows of the project: base rows and repeating-instrument rows, with when their record last changed (UTC). A row
    /// may hold redcap_event_name (longitudinal), redcap_data_access_group and &lt;instrument&gt;_timestamp values: the
    /// export shows them only as the project and the request allow.
    /// </summary>
    public List<(DateTime Changed, JsonObject Row)> Rows { get; } = [];

    /// <summary>The server's own clock zone. [Src] dateRangeBegin is compared with the log's ts, written in the server's local time (date("Y-m-d H:i:s")).</summary>
    public TimeZoneInfo ServerTimeZone { get; set; } = TimeZoneInfo.Utc;

    /// <summary>Events of a longitudinal project (unique name, label); empty: a classic project.</summary>
    public List<(string Unique, string Label)> Events { get; } = [];

    /// <summary>Record ids asked for in each record batch.</summary>
    public List<int> BatchSizes { get; } = [];

    /// <summary>Every dateRangeBegin received, as sent.</summary>
    public List<string> RangeBegins { get; } = [];

    /// <summary>From this record request on (1 = the first), answer 500: a project that breaks halfway through a pull.</summary>
    public int? FailRecordRequestsFrom { get; set; }

    private int _recordRequests;

    /// <summary>
    /// A project as REDCap exports it from its web pages: the data dictionary (CSV), the events (CSV) and the records
    /// (CSV, raw), all changed at <paramref name="changed"/>. [Help] Export Metadata returns the dictionary's columns
    /// under these keys, in this order.
    /// </summary>
    public static FakeRedcapServer FromProject(string token, string folder, DateTime changed)
    {
        static List<Dictionary<string, string>> Read(string path)
        {
            var records = ResearchPipeline.Ingest.Surveys.SurveyTable.Parse(Path.GetFileName(path), File.ReadAllText(path)).Records;
            var header = records[0].Fields;
            return records.Skip(1).Select(r => header.Select((h, i) => (h, v: i < r.Fields.Length ? r.Fields[i] : "")).ToDictionary(x => x.h, x => x.v)).ToList();
        }

        string[] keys =
        [
            "field_name", "form_name", "section_header", "field_type", "field_label", "select_choices_or_calculations", "field_note",
            "text_validation_type_or_show_slider_number", "text_validation_min", "text_validation_max", "identifier", "branching_logic",
            "required_field", "custom_alignment", "question_number", "matrix_group_name", "matrix_ranking", "field_annotation",
        ];
        var dictionary = ResearchPipeline.Ingest.Surveys.SurveyTable.Parse("dictionary.csv", File.ReadAllText(Path.Combine(folder, "dictionary.csv"))).Records.Skip(1);
        var metadata = new JsonArray(dictionary.Select(r => (JsonNode)new JsonObject(keys.Select((k, i) => new KeyValuePair<string, JsonNode?>(k, i < r.Fields.Length ? r.Fields[i] : "")))).ToArray());
        var server = new FakeRedcapServer(token, metadata);
        server.Events.AddRange(Read(Path.Combine(folder, "event.csv")).Select(e => (e["unique_event_name"], e["event_name"])));
        server.Rows.AddRange(Read(Path.Combine(folder, "data.csv")).Select(r => (changed, new JsonObject(r.Select(kv => new KeyValuePair<string, JsonNode?>(kv.Key, kv.Value))))));
        return server;
    }

    /// <summary>[Help] Export Metadata: the record id field is the project's first field.</summary>
    private string RecordIdField => metadata[0]!["field_name"]!.GetValue<string>();

    protected override (string Route, Func<Answer> Answer) Handle(string method, string path, IReadOnlyDictionary<string, string> headers, string body)
    {
        var form = body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).ToLookup(p => WebUtility.UrlDecode(p[0]), p => WebUtility.UrlDecode(p.ElementAtOrDefault(1) ?? ""));
        if (method != "POST" || path != "/api/")
        {
            return ("unknown", () => Answer.Json("{\"error\":\"not found\"}", 404));
        }

        // [Err] a token without API rights: 403.
        if (form["token"].FirstOrDefault() != token)
        {
            return ("unauthorized", () => Answer.Json("{\"error\":\"You do not have permissions to use the API\"}", 403));
        }

        switch (form["content"].FirstOrDefault())
        {
            case "metadata":
                return ("metadata", () => Answer.Json(metadata.ToJsonString()));
            case "project":
                // [Help] Export Project Info: is_longitudinal is 0 or 1 (among other attributes).
                return ("project", () => Answer.Json(new JsonObject
                {
                    ["project_id"] = 101, ["project_title"] = "iLEAD self-assessment", ["is_longitudinal"] = Events.Count > 0 ? 1 : 0,
                    ["has_repeating_instruments_or_events"] = Rows.Any(r => Text(r.Row["redcap_repeat_instrument"]).Length > 0) ? 1 : 0,
                }.ToJsonString()));
            case "event":
                // [Src] API/event/export.php: 400 "You cannot export events for classic projects".
                return ("events", () => Events.Count == 0
                    ? Answer.Json("{\"error\":\"You cannot export events for classic projects\"}", 400)
                    : Answer.Json(new JsonArray(Events.Select(e => (JsonNode)new JsonObject
                    {
                        ["event_name"] = e.Label, ["arm_num"] = 1, ["unique_event_name"] = e.Unique, ["custom_event_label"] = null,
                    }).ToArray()).ToJsonString()));
            case "record":
                return Records(form);
            default:
                return ("unknown", () => Answer.Json("{\"error\":\"The value of the parameter \\\"content\\\" is not valid\"}", 400));
        }
    }

    private (string Route, Func<Answer> Answer) Records(ILookup<string, string> form)
    {
        var fields = form.Where(g => g.Key.StartsWith("fields[", StringComparison.Ordinal)).SelectMany(g => g).ToList();
        var records = form.Where(g => g.Key.StartsWith("records[", StringComparison.Ordinal)).SelectMany(g => g).ToHashSet();
        var surveyFields = form["exportSurveyFields"].FirstOrDefault() is "true" or "1";
        var dags = form["exportDataAccessGroups"].FirstOrDefault() is "true" or "1";
        var begin = form["dateRangeBegin"].FirstOrDefault() is { Length: > 0 } d ? d : null;
        var route = fields.Count > 0 && records.Count == 0 ? "ids" : "records";

        // [Err] + REDCapR's "Pseudofields" note: a field that is not in the metadata (a survey timestamp asked for by
        // name, a typo) is refused: "The following values in the parameter fields are not valid: '…'".
        var known = metadata.Select(f => f!["field_name"]!.GetValue<string>()).ToHashSet();
        var unknown = fields.Where(f => !known.Contains(f)).ToList();
        if (unknown.Count > 0)
        {
            return (route, () => Answer.Json(new JsonObject { ["error"] = $"The following values in the parameter \"fields\" are not valid: '{string.Join("', '", unknown)}'" }.ToJsonString(), 400));
        }

        return (route, () =>
        {
            lock (Rows)
            {
                if (route == "records")
                {
                    if (++_recordRequests >= FailRecordRequestsFrom)
                    {
                        return Answer.Json("{\"error\":\"The server encountered an error\"}", 500);
                    }

                    BatchSizes.Add(records.Count);
                }

                DateTime? since = null;
                if (begin is not null)
                {
                    RangeBegins.Add(begin);

                    // [Src] reformatDate reads "YYYY-MM-DD HH:MM:SS" as the server's local time; [Help] "records that
                    // have been created or modified *after* a given datetime" (the source compares ts >= begin; the
                    // fake takes the documented, stricter reading).
                    var local = DateTime.ParseExact(begin, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                    since = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), ServerTimeZone);
                }

                var list = new JsonArray();
                foreach (var (changed, row) in Rows)
                {
                    var id = Text(row[RecordIdField]);
                    if ((since is not null && changed <= since) || (records.Count > 0 && !records.Contains(id)))
                    {
                        continue;
                    }

                    list.Add(Exported(row, fields, surveyFields, dags));
                }

                return Answer.Json(list.ToJsonString(new JsonSerializerOptions()));
            }
        });
    }

    /// <summary>One row as the export shows it: the fields asked for (all when none), with the pseudofields the project and the request call for.</summary>
    private JsonObject Exported(JsonObject row, List<string> fields, bool surveyFields, bool dags)
    {
        var result = new JsonObject();
        foreach (var (name, value) in row)
        {
            var isTimestamp = name.EndsWith("_timestamp", StringComparison.Ordinal) && !metadata.Any(f => f!["field_name"]!.GetValue<string>() == name);
            var keep = name switch
            {
                // [Help] redcap_event_name is exported for longitudinal projects; the repeat columns for projects with repeating instruments.
                "redcap_event_name" => Events.Count > 0,
                "redcap_repeat_instrument" or "redcap_repeat_instance" => true,

                // [Help]/[Src] exportDataAccessGroups: the redcap_data_access_group field, when the project has groups.
                "redcap_data_access_group" => dags,

                // [Help] exportSurveyFields: redcap_survey_identifier and <instrument>_timestamp ([Src] "[not completed]" when not completed).
                "redcap_survey_identifier" => surveyFields,
                _ when isTimestamp => surveyFields,
                _ => fields.Count == 0 || fields.Contains(name),
            };
            if (keep)
            {
                result[name] = value?.DeepClone();
            }
        }

        return result;
    }

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
}
