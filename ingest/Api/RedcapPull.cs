using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ResearchPipeline.Ingest.Api;

/// <summary>
/// REDCap export records (API content=record, flat JSON, raw values), as real projects are: the field metadata first
/// (the record id is the project's first field; choice codes become their labels), the project info (longitudinal or
/// not) and, for a longitudinal project, its events (each row's redcap_event_name, one base row per record and event);
/// then the ids of the records changed since the watermark, then the records in batches, with the survey timestamps
/// and the data access group. Repeating-instrument rows take blank fields from their record's base row in the same
/// event; the mapping's unit, role and rater fields, if blank in an event, from the record's other events. The result
/// is a two-header-row CSV (field names, field labels) for the survey landing path.
/// </summary>
public sealed class RedcapPull(ApiSource source, string token, ResilientHttp http)
{
    /// <summary>What a pull fetched: the CSV, its row count, the requests for records, and the project's events (unique name → label).</summary>
    public sealed record Records(string Csv, int Rows, int Batches, IReadOnlyDictionary<string, string> Events);

    /// <summary>
    /// The dateRangeBegin to send for a watermark (UTC). REDCap reads it in the server's local time. With the source's
    /// server_time_zone, the watermark in that zone, less five minutes for clocks that differ; without it, the watermark
    /// less 14 hours, which is at or before the watermark on every server's clock (UTC−12 is the furthest west), with
    /// two hours to spare. Records fetched twice are recognized by their fingerprint and skipped.
    /// </summary>
    public static string RangeBegin(string watermarkUtc, TimeZoneInfo? serverZone)
    {
        var utc = DateTime.SpecifyKind(DateTime.ParseExact(watermarkUtc, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), DateTimeKind.Utc);
        var begin = serverZone is null ? utc.AddHours(-14) : TimeZoneInfo.ConvertTimeFromUtc(utc, serverZone).AddMinutes(-5);
        return begin.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }

    /// <param name="since">The watermark (UTC), or null for everything.</param>
    /// <param name="recordLevelFields">The fields (names or labels) the mapping reads the unit, role and rater from.</param>
    public async Task<Records> RunAsync(string? since, IReadOnlyCollection<string> recordLevelFields, CancellationToken cancel)
    {
        var metadata = await Post("export the field metadata", [("content", "metadata")], cancel).ConfigureAwait(false) as JsonArray
            ?? throw new PullFailedException($"{source.Name}: export the field metadata: expected a JSON list of fields.");
        var fields = metadata.OfType<JsonObject>().Select(f => new Field(
            Text(f["field_name"]), Text(f["field_label"]), Text(f["field_type"]), Choices(Text(f["select_choices_or_calculations"])))).ToList();
        var idField = source.RecordIdField ?? fields.FirstOrDefault()?.Name
            ?? throw new PullFailedException($"{source.Name}: export the field metadata: the project has no fields.");

        var project = await Post("export the project info", [("content", "project")], cancel).ConfigureAwait(false) as JsonObject
            ?? throw new PullFailedException($"{source.Name}: export the project info: expected a JSON object.");
        var events = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Text(project["is_longitudinal"]) == "1")
        {
            var list = await Post("export the events", [("content", "event")], cancel).ConfigureAwait(false) as JsonArray
                ?? throw new PullFailedException($"{source.Name}: export the events: expected a JSON list of events.");
            foreach (var e in list.OfType<JsonObject>())
            {
                events[Text(e["unique_event_name"])] = Text(e["event_name"]);
            }
        }

        var idQuery = new List<(string, string)> { ("content", "record"), ("type", "flat"), ("fields[0]", idField) };
        if (since is not null)
        {
            idQuery.Add(("dateRangeBegin", RangeBegin(since, source.ServerTimeZone)));
        }

        var ids = (await Post("list the changed records", idQuery, cancel).ConfigureAwait(false) as JsonArray
                   ?? throw new PullFailedException($"{source.Name}: list the changed records: expected a JSON list."))
            .OfType<JsonObject>().Select(r => Text(r[idField])).Where(id => id.Length > 0).Distinct().ToList();

        var rows = new List<JsonObject>();
        var batches = 0;
        var size = Math.Max(1, source.BatchSize);
        foreach (var batch in ids.Chunk(size))
        {
            var query = new List<(string, string)>
            {
                ("content", "record"), ("type", "flat"), ("rawOrLabel", "raw"), ("exportSurveyFields", "true"), ("exportDataAccessGroups", "true"),
            };
            query.AddRange(batch.Select((id, i) => ($"records[{i}]", id)));
            var records = await Post($"export records (batch {++batches} of {(ids.Count + size - 1) / size})", query, cancel).ConfigureAwait(false) as JsonArray
                ?? throw new PullFailedException($"{source.Name}: export records: expected a JSON list of records.");
            rows.AddRange(records.OfType<JsonObject>());
        }

        return new Records(ToCsv(fields, idField, rows, recordLevelFields), rows.Count, batches, events);
    }

    private static string ToCsv(List<Field> fields, string idField, List<JsonObject> rows, IReadOnlyCollection<string> recordLevelFields)
    {
        var names = fields.Select(f => f.Name).ToList();
        foreach (var extra in rows.SelectMany(r => r.Select(p => p.Key)).Distinct().Where(k => !names.Contains(k)))
        {
            names.Add(extra); // redcap_event_name, redcap_repeat_*, redcap_data_access_group, <instrument>_timestamp, checkbox columns …
        }

        var byName = fields.ToDictionary(f => f.Name);
        var recordLevel = names.Where(n => recordLevelFields.Contains(n) || (byName.TryGetValue(n, out var f) && recordLevelFields.Contains(f.Label))).ToHashSet();
        string Record(JsonObject r) => Text(r[idField]);
        string Event(JsonObject r) => Text(r["redcap_event_name"]);
        var baseRows = rows.Where(r => Text(r["redcap_repeat_instrument"]).Length == 0).ToList();
        var baseByEvent = baseRows.GroupBy(r => (Record(r), Event(r))).ToDictionary(g => g.Key, g => g.First());
        var baseByRecord = baseRows.GroupBy(Record).ToDictionary(g => g.Key, g => g.ToList());

        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', names.Select(Quote)));
        csv.AppendLine(string.Join(',', names.Select(n => Quote(byName.TryGetValue(n, out var f) ? f.Label : n))));
        foreach (var row in rows)
        {
            var repeat = Text(row["redcap_repeat_instrument"]).Length > 0;
            baseByEvent.TryGetValue((Record(row), Event(row)), out var baseRow);
            csv.AppendLine(string.Join(',', names.Select(n =>
            {
                var value = Text(row[n]);
                if (value.Length == 0 && repeat && baseRow is not null)
                {
                    value = Text(baseRow[n]);
                }

                if (value.Length == 0 && recordLevel.Contains(n) && baseByRecord.TryGetValue(Record(row), out var others))
                {
                    value = others.Select(o => Text(o[n])).FirstOrDefault(v => v.Length > 0) ?? "";
                }

                // A survey timestamp of a response not submitted: no time.
                if (value == "[not completed]")
                {
                    value = "";
                }

                return Quote(byName.TryGetValue(n, out var f) && f.Choices.TryGetValue(value, out var label) ? label : value);
            })));
        }

        return csv.ToString();
    }

    private async Task<JsonNode?> Post(string step, List<(string Key, string Value)> form, CancellationToken cancel)
    {
        var body = new List<KeyValuePair<string, string>> { new("token", token), new("format", "json"), new("returnFormat", "json") };
        body.AddRange(form.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
        using var response = await http.SendAsync(step, () => new HttpRequestMessage(HttpMethod.Post, source.BaseUrl) { Content = new FormUrlEncodedContent(body) }, cancel).ConfigureAwait(false);
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

    /// <summary>"1, Exploring | 2, Small change" → { "1": "Exploring", "2": "Small change" }.</summary>
    private static Dictionary<string, string> Choices(string spec)
    {
        var choices = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in spec.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = part.IndexOf(',', StringComparison.Ordinal);
            if (comma > 0)
            {
                choices[part[..comma].Trim()] = part[(comma + 1)..].Trim();
            }
        }

        return choices;
    }

    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v => Convert.ToString(v.ToJsonString().Trim('"'), CultureInfo.InvariantCulture) ?? "",
        _ => node.ToJsonString(),
    };

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private sealed record Field(string Name, string Label, string Type, Dictionary<string, string> Choices);
}
