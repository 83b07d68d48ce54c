using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ResearchPipeline.Ingest.Api;

/// <summary>
/// REDCap export records (API content=record, flat JSON, raw values): the field metadata first (to turn choice codes
/// into their labels and to know each field's label), then the ids of the records changed since the watermark, then
/// the records in batches of ids so that large projects do not fail. Repeating-instrument rows take the record's
/// own fields (unit, role, rater …) from its base row. The result is a two-header-row CSV (field names, field
/// labels) for the survey landing path.
/// </summary>
public sealed class RedcapPull(ApiSource source, string token, ResilientHttp http)
{
    public sealed record Records(string Csv, int Rows, int Batches);

    public async Task<Records> RunAsync(string? since, CancellationToken cancel)
    {
        var metadata = await Post("export the field metadata", [("content", "metadata")], cancel).ConfigureAwait(false) as JsonArray
            ?? throw new PullFailedException($"{source.Name}: export the field metadata: expected a JSON list of fields.");
        var fields = metadata.OfType<JsonObject>().Select(f => new Field(
            Text(f["field_name"]), Text(f["field_label"]), Text(f["field_type"]), Choices(Text(f["select_choices_or_calculations"])))).ToList();

        var idQuery = new List<(string, string)> { ("content", "record"), ("type", "flat"), ("fields[0]", source.RecordIdField) };
        if (since is not null)
        {
            idQuery.Add(("dateRangeBegin", since));
        }

        var ids = (await Post("list the changed records", idQuery, cancel).ConfigureAwait(false) as JsonArray
                   ?? throw new PullFailedException($"{source.Name}: list the changed records: expected a JSON list."))
            .OfType<JsonObject>().Select(r => Text(r[source.RecordIdField])).Where(id => id.Length > 0).Distinct().ToList();

        var rows = new List<JsonObject>();
        var batches = 0;
        foreach (var batch in ids.Chunk(Math.Max(1, source.BatchSize)))
        {
            var query = new List<(string, string)> { ("content", "record"), ("type", "flat"), ("rawOrLabel", "raw") };
            query.AddRange(batch.Select((id, i) => ($"records[{i}]", id)));
            var records = await Post($"export records (batch {++batches} of {(ids.Count + source.BatchSize - 1) / Math.Max(1, source.BatchSize)})", query, cancel).ConfigureAwait(false) as JsonArray
                ?? throw new PullFailedException($"{source.Name}: export records: expected a JSON list of records.");
            rows.AddRange(records.OfType<JsonObject>());
        }

        return new Records(ToCsv(fields, rows), rows.Count, batches);
    }

    private string ToCsv(List<Field> fields, List<JsonObject> rows)
    {
        var names = fields.Select(f => f.Name).ToList();
        foreach (var extra in rows.SelectMany(r => r.Select(p => p.Key)).Distinct().Where(k => !names.Contains(k)))
        {
            names.Add(extra); // redcap_repeat_instrument, redcap_repeat_instance, checkbox columns …
        }

        var byName = fields.ToDictionary(f => f.Name);
        var baseRows = rows.Where(r => Text(r["redcap_repeat_instrument"]).Length == 0)
            .GroupBy(r => Text(r[source.RecordIdField])).ToDictionary(g => g.Key, g => g.First());
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', names.Select(Quote)));
        csv.AppendLine(string.Join(',', names.Select(n => Quote(byName.TryGetValue(n, out var f) ? f.Label : n))));
        foreach (var row in rows)
        {
            var repeat = Text(row["redcap_repeat_instrument"]).Length > 0;
            baseRows.TryGetValue(Text(row[source.RecordIdField]), out var baseRow);
            csv.AppendLine(string.Join(',', names.Select(n =>
            {
                var value = Text(row[n]);
                if (value.Length == 0 && repeat && baseRow is not null)
                {
                    value = Text(baseRow[n]);
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
