using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Ingest.Surveys;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Ingest.Api;

/// <summary>
/// Pulls one API source through the same landing path as a file export: fetch what is new since the source's
/// watermark, keep the fetched file in the landing folder (the archived source file), ingest it with the source's
/// mapping, and only then advance the watermark. A pull stopped at any point is simply run again: a file that
/// landed is recognized by its hash, responses landed before are recognized by their fingerprint, and the watermark
/// never moves past what has landed, so there are no duplicates and no gaps.
/// </summary>
public static class PullService
{
    /// <summary>The mapping fields that describe a REDCap record rather than one of its events.</summary>
    private static readonly string[] RecordLevelFields = ["unit", "role", "rater"];

    /// <summary>
    /// The HTTP client pulls use: it follows no redirect by itself, because it would take the source's token along to
    /// whatever host the redirect names (.NET drops only the Authorization header); a redirect fails the pull instead.
    /// Each attempt's timeout comes from the source's resilience pipeline.
    /// </summary>
    public static HttpClient NewClient() => new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };

    public static async Task<PullResult> PullAsync(DuckDBConnection connection, ApiSource source, string token, HttpClient client,
        string landingFolder, IngestOptions options, CancellationToken cancel = default)
    {
        var mapping = SurveyMappingLoader.Load(source.MappingPath);
        var http = new ResilientHttp(client, source.Name, source.Policy, options.Clock, token);
        var old = Watermark(connection, source.Name);
        var startedAt = options.Clock.GetUtcNow().UtcDateTime;
        string text;
        string? next;
        int fetched;
        switch (source.Kind)
        {
            case "qualtrics":
                var export = await new QualtricsPull(source, token, http, options.Clock).RunAsync(old, cancel).ConfigureAwait(false);
                text = Decode(export.Csv);
                var table = SurveyTable.Parse(export.FileName, text);
                var qualtrics = SurveyFormats.ByKey("qualtrics");
                fetched = table.Records.Skip(qualtrics.HeaderRows(table)).Count(r => r.Fields.Any(f => f.Trim().Length > 0));
                next = export.ContinuationToken is { } continuation ? QualtricsPull.ContinuationPrefix + continuation : QualtricsPull.LatestRecorded(table) ?? old;
                mapping = mapping with { Format = qualtrics };
                break;
            case "redcap":
                var recordLevel = RecordLevelFields.Select(f => mapping.Columns.GetValueOrDefault(f)).OfType<string>().ToList();
                var records = await new RedcapPull(source, token, http).RunAsync(old, recordLevel, cancel).ConfigureAwait(false);
                text = records.Csv;
                fetched = records.Rows;
                next = startedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                mapping = ForRedcap(mapping, records.Events, source.ServerTimeZone);
                break;
            default:
                throw new PullFailedException($"{source.Name}: kind \"{source.Kind}\" is not a source kind (qualtrics, redcap).");
        }

        if (fetched == 0)
        {
            SetWatermark(connection, source.Name, next, options);
            return new PullResult(source.Name, source.Kind, 0, null, old, next, http.Attempts, null);
        }

        var folder = Path.Combine(landingFolder, source.Name);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{startedAt:yyyyMMdd'T'HHmmss'Z'}-{source.Kind}.csv");
        await File.WriteAllTextAsync(path, text, new UTF8Encoding(false), cancel).ConfigureAwait(false);
        cancel.ThrowIfCancellationRequested();
        var batch = IngestService.IngestFile(connection, path, options with { SourceName = source.Name }, mapping);

        // Quarantined rows keep the watermark where it was: the next pull fetches them again, so that once the mapping
        // (or the record) is corrected they land; responses that landed are recognized by their fingerprint and skipped.
        if (batch.RowsQuarantined > 0)
        {
            return new PullResult(source.Name, source.Kind, fetched, batch, old, old, http.Attempts, path) { WatermarkKeptBecause = $"{batch.RowsQuarantined:N0} row(s) quarantined" };
        }

        SetWatermark(connection, source.Name, next, options);
        return new PullResult(source.Name, source.Kind, fetched, batch, old, next, http.Attempts, path);
    }

    /// <summary>
    /// A REDCap source's mapping as its records need it: format redcap; in a longitudinal project each record's event is
    /// its wave (through waves:, by the event's label or unique name) unless the mapping places waves otherwise; times
    /// without a zone (survey timestamps) in the server's zone unless the mapping says its own.
    /// </summary>
    private static SurveyMapping ForRedcap(SurveyMapping mapping, IReadOnlyDictionary<string, string> events, TimeZoneInfo? serverZone)
    {
        var columns = new Dictionary<string, string>(mapping.Columns);
        var waves = new Dictionary<string, string>(mapping.Waves);
        if (events.Count > 0 && mapping.Wave is null && !columns.ContainsKey("wave"))
        {
            columns["wave"] = "redcap_event_name";
            foreach (var (unique, label) in events)
            {
                if (!waves.ContainsKey(unique) && mapping.Waves.TryGetValue(label, out var wave))
                {
                    waves[unique] = wave;
                }
            }
        }

        return mapping with { Format = SurveyFormats.ByKey("redcap"), Columns = columns, Waves = waves, TimeZone = mapping.TimeZone ?? serverZone };
    }

    public static string? Watermark(DuckDBConnection connection, string source) =>
        Db.Scalar<string?>(connection, "select max(watermark) from ops.watermarks where source_name = $1", source);

    private static void SetWatermark(DuckDBConnection connection, string source, string? watermark, IngestOptions options)
    {
        if (watermark is null)
        {
            return;
        }

        Db.Execute(connection, "insert or replace into ops.watermarks values ($1, $2, $3)", source, watermark, options.Clock.GetUtcNow().UtcDateTime);
    }

    private static string Decode(byte[] bytes)
    {
        var offset = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? 3 : 0;
        return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, offset, bytes.Length - offset);
    }
}
