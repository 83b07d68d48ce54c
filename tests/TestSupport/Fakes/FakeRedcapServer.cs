using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ResearchPipeline.TestSupport.Fakes;

/// <summary>
/// Errors follow the REDCap API help ("HTTP Status Codes" and "Error Messages"): an error is returned in the format the
/// request asked for (returnFormat=json: {"error": "…"}), with 400 for a request that is invalid, 403 without API rights.
/// 
/// The REDCap API contract for export records: one POST endpoint taking a form with token, content (metadata |
/// record), format=json, type=flat, rawOrLabel, fields[i], records[i] and dateRangeBegin (records changed at or
/// after it). Records are flat JSON objects of text values; repeating-instrument rows carry redcap_repeat_instrument
/// and redcap_repeat_instance.
/// </summary>
public sealed class FakeRedcapServer(string token, JsonArray metadata) : FakeHttpServer
{
    /// <summary>Rows of the project (base rows and repeating-instrument rows), with when their record last changed.</summary>
    public List<(DateTime Changed, JsonObject Row)> Rows { get; } = [];

    /// <summary>Record ids asked for in each record batch.</summary>
    public List<int> BatchSizes { get; } = [];

    /// <summary>From this record request on (1 = the first), answer 500: a project that breaks halfway through a pull.</summary>
    public int? FailRecordRequestsFrom { get; set; }

    private int _recordRequests;

    protected override (string Route, Func<Answer> Answer) Handle(string method, string path, IReadOnlyDictionary<string, string> headers, string body)
    {
        var form = body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).ToLookup(p => WebUtility.UrlDecode(p[0]), p => WebUtility.UrlDecode(p.ElementAtOrDefault(1) ?? ""));
        if (method != "POST" || path != "/api/")
        {
            return ("unknown", () => Answer.Json("{\"error\":\"not found\"}", 404));
        }

        if (form["token"].FirstOrDefault() != token)
        {
            return ("unauthorized", () => Answer.Json("{\"error\":\"You do not have permissions to use the API\"}", 403));
        }

        var content = form["content"].FirstOrDefault();
        if (content == "metadata")
        {
            return ("metadata", () => Answer.Json(metadata.ToJsonString()));
        }

        if (content != "record")
        {
            return ("unknown", () => Answer.Json("{\"error\":\"unsupported content\"}", 400));
        }

        var fields = form.Where(g => g.Key.StartsWith("fields[", StringComparison.Ordinal)).SelectMany(g => g).ToList();
        var records = form.Where(g => g.Key.StartsWith("records[", StringComparison.Ordinal)).SelectMany(g => g).ToHashSet();
        var since = form["dateRangeBegin"].FirstOrDefault() is { Length: > 0 } d ? DateTime.Parse(d, CultureInfo.InvariantCulture) : (DateTime?)null;
        if (fields.Count > 0 && records.Count == 0)
        {
            return ("ids", () =>
            {
                lock (Rows)
                {
                    var list = new JsonArray();
                    foreach (var (_, row) in Rows.Where(r => since is null || r.Changed >= since))
                    {
                        list.Add(new JsonObject(fields.Select(f => new KeyValuePair<string, JsonNode?>(f, row[f]?.DeepClone()))));
                    }

                    return Answer.Json(list.ToJsonString());
                }
            });
        }

        return ("records", () =>
        {
            lock (Rows)
            {
                if (++_recordRequests >= FailRecordRequestsFrom)
                {
                    return Answer.Json("{\"error\":\"The server encountered an error\"}", 500);
                }

                BatchSizes.Add(records.Count);
                var list = new JsonArray();
                foreach (var (_, row) in Rows.Where(r => records.Contains(r.Row["record_id"]!.GetValue<string>())))
                {
                    list.Add(row.DeepClone());
                }

                return Answer.Json(list.ToJsonString(new JsonSerializerOptions()));
            }
        });
    }
}
