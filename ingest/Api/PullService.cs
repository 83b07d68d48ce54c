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
                fetched = table.Records.Skip(3).Count(r => r.Fields.Any(f => f.Trim().Length > 0));
                next = QualtricsPull.LatestRecorded(table) ?? old;
                mapping = mapping with { Format = SurveyFormats.ByKey("qualtrics") };
                break;
            case "redcap":
                var records = await new RedcapPull(source, token, http).RunAsync(old, cancel).ConfigureAwait(false);
                text = records.Csv;
                fetched = records.Rows;
                next = startedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                mapping = mapping with { Format = SurveyFormats.ByKey("redcap") };
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
        SetWatermark(connection, source.Name, next, options);
        return new PullResult(source.Name, source.Kind, fetched, batch, old, next, http.Attempts, path);
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
