using System.Diagnostics;
using System.Globalization;
using ResearchPipeline.Ingest;
using ResearchPipeline.Ingest.Api;
using ResearchPipeline.Ingest.Surveys;
using ResearchPipeline.TestSupport;
using ResearchPipeline.TestSupport.Fakes;

namespace ResearchPipeline.Ingest.Tests.Api;

/// <summary>rp pull's Qualtrics path against a fake of the v3 response-export API on 127.0.0.1, with faults.</summary>
public sealed class QualtricsPullTests : IDisposable
{
    private const string Token = "qx-TOKEN-3f9a7c2e-do-not-log";
    private static readonly string Sample = Path.Combine(Repository.Samples, "surveys", "qualtrics-ilead-2022.csv");
    private readonly TempWarehouse _w = new();
    private readonly FakeQualtricsServer _server;
    private readonly HttpClient _client = PullService.NewClient();
    private readonly ApiSource _source;
    private readonly int _ratingsPerFullExport;

    public QualtricsPullTests()
    {
        _server = FakeQualtricsServer.FromExport(Token, "SV_ilead2022", Sample, 20);

        _source = new ApiSource("dp-annual-survey", "qualtrics", _server.BaseUrl, "QUALTRICS_API_TOKEN",
            Path.Combine(Repository.Samples, "surveys", "qualtrics-ilead-2022.mapping.yaml"), SurveyId: "SV_ilead2022")
        {
            Policy = Fast,
        };
        _ratingsPerFullExport = 20 * 24;
    }

    // Short waits between attempts, but an attempt timeout generous enough that a busy 2-core machine running the other
    // test assemblies never times out a normal request (which would add an attempt and break the counts).
    internal static ApiPolicy Fast { get; } = new(TimeSpan.FromSeconds(60), 4, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(3), 50, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(20));

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
        _w.Dispose();
    }

    private Task<PullResult> Pull(ApiSource? source = null) =>
        PullService.PullAsync(_w.Connection, source ?? _source, Token, _client, Path.Combine(_w.Folder, "landing"), TempWarehouse.Options);

    [Fact]
    public async Task Pull_Clean_StartPollDownloadLandAndAdvanceTheWatermark()
    {
        var result = await Pull();
        Assert.Equal(20, result.Fetched);
        Assert.Equal(4, result.Attempts); // start, two progress checks (inProgress, complete), download
        Assert.Equal([1, 2, 1], new[] { _server.Requests["POST export"], _server.Requests["GET progress"], _server.Requests["GET file"] });
        Assert.Equal(_ratingsPerFullExport, result.Batch!.RowsRead);
        Assert.Equal(result.Batch.RowsRead, result.Batch.RowsLoaded + result.Batch.RowsQuarantined + result.Batch.RowsSkipped);
        Assert.Equal("continuation:CT_ES_000001", result.NewWatermark); // the export's continuation token (allowContinuation)
        Assert.Contains(_server.Seen, s => s.Contains("\"allowContinuation\":true", StringComparison.Ordinal));
        Assert.Equal(result.NewWatermark, PullService.Watermark(_w.Connection, "dp-annual-survey"));
        Assert.Null(_server.StartDates.Single());
        Assert.Equal(1, _w.Count("select count(*) from ops.ingest_batches where source_name = 'dp-annual-survey' and source_kind = 'qualtrics'"));
    }

    [Fact]
    public async Task Pull_ZipEntryNamedToEscapeTheLandingFolder_LandsInsideItUnderItsOwnName()
    {
        _server.EntryName = "../../../escaped.csv";
        var result = await Pull();
        Assert.Equal(20, result.Fetched);
        var landing = Path.Combine(_w.Folder, "landing", "dp-annual-survey");
        var landed = Assert.Single(Directory.GetFiles(landing));
        Assert.Matches(@"^\d{8}T\d{6}Z-qualtrics\.csv$", Path.GetFileName(landed)); // named by the pipeline, never by the server
        Assert.Empty(Directory.GetFiles(_w.Folder, "escaped.csv", SearchOption.AllDirectories));
        Assert.False(File.Exists(Path.GetFullPath(Path.Combine(landing, "../../../escaped.csv"))));
    }

    [Fact]
    public async Task Pull_Second_AsksOnlyForResponsesSinceTheWatermarkAndLoadsOnlyTheNew()
    {
        var first = await Pull();
        var before = _w.Count("select count(*) from core.ratings");
        var table = SurveyTable.Parse("sample.csv", File.ReadAllText(Sample));
        foreach (var (_, fields) in table.Records.Skip(3 + 20).Take(3))
        {
            _server.AddResponse(fields, new DateTime(2022, 5, 30, 9, 0, 0, DateTimeKind.Utc), arrived: TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(1));
        }

        var second = await Pull();
        Assert.Equal("CT_ES_000001", _server.ContinuationTokensReceived[1]); // continued from the first export
        Assert.Null(_server.StartDates[1]);
        Assert.Equal(3, second.Fetched);
        var batch = second.Batch!.BatchId;
        Assert.Equal(second.Fetched * 24, second.Batch.RowsRead);
        Assert.Equal(3, _w.Count($"select count(distinct response_key) from raw.long_ratings where batch_id = {batch} and outcome = 'loaded'"));
        Assert.Equal(0, _w.Count($"select count(*) from raw.long_ratings where batch_id = {batch} and outcome = 'loaded' and response_key in (select response_key from raw.long_ratings where batch_id = {first.Batch!.BatchId})"));
        Assert.Equal(before + second.Batch.RowsLoaded, _w.Count("select count(*) from core.ratings"));
        Assert.Equal(0, second.Batch.SupersededRows);
    }

    [Fact]
    public async Task Pull_TwoServerErrors_RetriedAndRecovered()
    {
        _server.Inject(FakeHttpServer.FaultKind.ServerError, "POST export", times: 2);
        var result = await Pull();
        Assert.Equal(3, _server.Requests["POST export"]);
        Assert.Equal(6, result.Attempts);
        Assert.Equal(20, result.Fetched);
    }

    [Fact]
    public async Task Pull_TooManyRequestsWithRetryAfter_WaitsAsToldThenRecovers()
    {
        _server.Inject(FakeHttpServer.FaultKind.TooManyRequests, "GET progress", times: 1, retryAfterSeconds: 1);
        var clock = Stopwatch.StartNew();
        var result = await Pull();
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.95), $"waited {clock.Elapsed}");
        Assert.Equal(3, _server.Requests["GET progress"]);
        Assert.Equal(5, result.Attempts);
    }

    [Fact]
    public async Task Pull_DownloadStallsPastTheTimeout_RetriedAndRecovered()
    {
        _server.Inject(FakeHttpServer.FaultKind.Stall, "GET file", times: 1, stall: TimeSpan.FromSeconds(20));
        var result = await Pull(_source with { Policy = Fast with { AttemptTimeout = TimeSpan.FromSeconds(5) } });
        Assert.Equal(2, _server.Requests["GET file"]);
        Assert.Equal(5, result.Attempts);
        Assert.Equal(20, result.Fetched);
    }

    [Fact]
    public async Task Pull_ServerErrorEveryTime_FailsAfterMaxAttemptsNamingTheSource()
    {
        _server.Inject(FakeHttpServer.FaultKind.ServerError, "POST export", times: 10);
        var ex = await Assert.ThrowsAsync<PullFailedException>(() => Pull());
        Assert.Equal("dp-annual-survey: start the response export: HTTP 500 Internal Server Error: still failing after 4 attempt(s).", ex.Message);
        Assert.Equal(4, _server.TotalRequests);
        Assert.Null(PullService.Watermark(_w.Connection, "dp-annual-survey"));
    }

    [Fact]
    public async Task Pull_SourceKeepsFailing_CircuitOpensAndStopsTheRetries()
    {
        _server.Inject(FakeHttpServer.FaultKind.ServerError, "POST export", times: 10);
        var source = _source with { Policy = Fast with { MaxAttempts = 6, BreakAfterFailures = 3 } };
        var ex = await Assert.ThrowsAsync<PullFailedException>(() => Pull(source));
        Assert.Equal("dp-annual-survey: start the response export: the source has failed repeatedly and is paused (circuit open); try again later.", ex.Message);
        Assert.Equal(3, _server.TotalRequests); // the breaker opened after 3 failures; the 3 retries left never reached the server
    }

    [Fact]
    public async Task Pull_ExportFailed_FailsWithQualtricsReasonAndNoRetry()
    {
        _server.FailExport = true;
        var ex = await Assert.ThrowsAsync<PullFailedException>(() => Pull());
        Assert.Equal("dp-annual-survey: Qualtrics reports the export ES_000001 failed: Export exceeded the size limit.", ex.Message);
        Assert.Equal(2, _server.TotalRequests);
        Assert.Equal(0, _w.Count("select count(*) from ops.ingest_batches"));
    }

    [Fact]
    public async Task Pull_MalformedJson_FailsAtOnce()
    {
        _server.Inject(FakeHttpServer.FaultKind.MalformedJson, "POST export");
        var ex = await Assert.ThrowsAsync<PullFailedException>(() => Pull());
        Assert.StartsWith("dp-annual-survey: start the response export: the answer is not valid JSON", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, _server.TotalRequests);
    }

    [Fact]
    public async Task Pull_TokenRefused_FailsAtOnceWithoutShowingTheToken()
    {
        var ex = await Assert.ThrowsAsync<PullFailedException>(() =>
            PullService.PullAsync(_w.Connection, _source, "wrong-token", _client, Path.Combine(_w.Folder, "landing"), TempWarehouse.Options));
        Assert.Equal("dp-annual-survey: start the response export: HTTP 401 Unauthorized: the server said \"Invalid token [AUTH_1]\" (request id 5f8c1e0a-7d2b-4c3e-9a61-0b2f4d6e8a10); the token was refused; check the token in the environment variable this source names.", ex.Message);
        Assert.Equal(1, _server.TotalRequests);
        Assert.DoesNotContain("wrong-token", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_ZipHoldingTwoCsvFiles_NothingLandedAndTheWatermarkStays()
    {
        // Landing the first file and moving the watermark past the second would lose the second's responses for good.
        _server.ExtraEntries.Add(("iLEAD self-assessment (2).csv", File.ReadAllBytes(Sample)));
        var ex = await Assert.ThrowsAsync<PullFailedException>(() => Pull());
        Assert.Equal("dp-annual-survey: the export file holds 2 files (iLEAD self-assessment.csv, iLEAD self-assessment (2).csv) where one was asked for; " +
                     "nothing was loaded and the watermark did not move. Export one survey per source.", ex.Message);
        Assert.Equal(0L, ResearchPipeline.Warehouse.Db.Count(_w.Connection, "select count(*) from ops.ingest_batches"));
        Assert.Equal(0L, ResearchPipeline.Warehouse.Db.Count(_w.Connection, "select count(*) from ops.watermarks"));
    }

    [Fact]
    public async Task Pull_ExportLargerThanAllowedOnceUnzipped_RefusedBeforeReadingIt()
    {
        var source = _source with { Policy = Fast with { MaxExportBytes = 1_000 } };
        var ex = await Assert.ThrowsAsync<PullFailedException>(() => Pull(source));
        Assert.Matches(@"^dp-annual-survey: the export's iLEAD self-assessment\.csv unzips to [\d,]+ bytes, more than the 1,000 allowed; nothing was loaded\.$", ex.Message);
        Assert.Equal(0L, ResearchPipeline.Warehouse.Db.Count(_w.Connection, "select count(*) from ops.ingest_batches"));
    }

    [Fact]
    public async Task Pull_RedirectedToAnotherHost_FailsWithoutTakingTheTokenThere()
    {
        // .NET follows a redirect by itself and drops only the Authorization header: X-API-TOKEN went along to any host.
        using var elsewhere = FakeQualtricsServer.FromExport(Token, "SV_ilead2022", Sample, 20);
        _server.Inject(FakeHttpServer.FaultKind.RedirectElsewhere, "POST export", location: new Uri(elsewhere.BaseUrl, "API/v3/surveys/SV_ilead2022/export-responses"));
        var ex = await Assert.ThrowsAsync<PullFailedException>(() => Pull());
        Assert.Equal($"dp-annual-survey: start the response export: HTTP 302: the server redirected to {elsewhere.BaseUrl.GetLeftPart(UriPartial.Authority)}; a redirect is not followed with the token. If that address is right, make it the source's base_url.", ex.Message);
        Assert.Equal(0, elsewhere.TotalRequests);
        Assert.DoesNotContain(elsewhere.Seen, s => s.Contains(Token, StringComparison.Ordinal));
        Assert.Equal(0L, ResearchPipeline.Warehouse.Db.Count(_w.Connection, "select count(*) from ops.ingest_batches"));
    }

    [Fact]
    public async Task Pull_InterruptedThenRerun_EndsWithExactlyTheRightRows()
    {
        // Interrupted after the download (the file is damaged in transit): nothing lands, the watermark stays.
        _server.TruncateZip = true;
        var broken = await Assert.ThrowsAsync<PullFailedException>(() => Pull());
        Assert.Contains("the export file is not a readable zip", broken.Message, StringComparison.Ordinal);
        Assert.Equal(4, _server.TotalRequests); // a damaged body is not retried
        Assert.Equal(0, _w.Count("select count(*) from core.ratings"));
        Assert.Null(PullService.Watermark(_w.Connection, "dp-annual-survey"));

        // Interrupted after landing but before the watermark moved: the re-run fetches the same responses again.
        _server.TruncateZip = false;
        var landed = await Pull();
        var expected = _w.Count("select count(*) from core.ratings");
        Assert.Equal(landed.Batch!.RowsLoaded, expected);
        _w.Count("delete from ops.watermarks where source_name = 'dp-annual-survey' returning 0");
        var again = await Pull();
        Assert.Equal(20, again.Fetched);
        Assert.True(again.Batch!.Status == ResearchPipeline.Ingest.Landing.IngestStatus.AlreadyIngested || again.Batch.RowsLoaded == 0);
        Assert.Equal(expected, _w.Count("select count(*) from core.ratings"));
        Assert.StartsWith("continuation:", again.NewWatermark, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_ResponseEditedAfterThePull_TheEditSupersedesTheEarlierResponse()
    {
        var first = await Pull();
        var q31 = Array.IndexOf(SurveyTable.Parse("s.csv", File.ReadAllText(Sample)).Records[0].Fields, "Q3_1");
        var email = Array.IndexOf(SurveyTable.Parse("s.csv", File.ReadAllText(Sample)).Records[0].Fields, "RecipientEmail");
        var rater = SurveyTable.Parse("l.csv", _server.Responses[0].Line).Records[0].Fields[email];
        _server.EditResponse(0, q31, "Institutionalizing and sustaining the work", TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(1));

        var second = await Pull();
        Assert.Equal(1, second.Fetched); // only the edited response comes again
        var earlier = _w.Count($"select count(*) from raw.long_ratings where batch_id = {first.Batch!.BatchId} and outcome = 'superseded'");
        Assert.True(second.Batch!.SupersededRows > 0 && second.Batch.SupersededRows == second.Batch.RowsLoaded, $"{second.Batch.SupersededRows} superseded, {second.Batch.RowsLoaded} loaded"); // the edited response replaces the earlier one whole
        Assert.True(earlier > 0);
        var key = TempWarehouse.Pseudonymizer.Pseudonymize(rater);
        Assert.Equal([4L], _w.Rows($"select level_value from core.ratings where rater_key = '{key}' and dimension_code = '1'").Select(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture)));
        Assert.Equal(first.Batch!.RowsLoaded, _w.Count("select count(*) from core.ratings"));
    }

    [Fact]
    public async Task Pull_ExportThatNeverCompletes_AbandonedAfterTheConfiguredLimit()
    {
        _server.PollsBeforeComplete = int.MaxValue;
        var source = _source with { Policy = Fast with { ExportTimeout = TimeSpan.FromMilliseconds(300), PollInterval = TimeSpan.FromMilliseconds(20) } };
        var ex = await Assert.ThrowsAsync<PullFailedException>(() => Pull(source));
        Assert.StartsWith("dp-annual-survey: the export ES_000001 did not finish within 0.3 second(s) (", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("nothing was loaded and the watermark did not move. Raise export_timeout_minutes for this source if Qualtrics is slow today.", ex.Message, StringComparison.Ordinal);
        Assert.InRange(_server.Requests["GET progress"], 2, 40); // checked at its own interval, not the retry delay
        Assert.Null(PullService.Watermark(_w.Connection, "dp-annual-survey"));
        Assert.Equal(0, _w.Count("select count(*) from ops.ingest_batches"));
    }

    [Fact]
    public void LatestRecorded_InTheZoneItsImportIdNames_AsUtc()
    {
        var table = SurveyTable.Parse("e.csv",
            "StartDate,RecordedDate,ResponseId\nStart Date,Recorded Date,Response ID\n" +
            "\"{\"\"ImportId\"\":\"\"startDate\"\",\"\"timeZone\"\":\"\"America/Denver\"\"}\",\"{\"\"ImportId\"\":\"\"recordedDate\"\",\"\"timeZone\"\":\"\"America/Denver\"\"}\",\"{\"\"ImportId\"\":\"\"_recordId\"\"}\"\n" +
            "2022-05-22 11:00:00,2022-05-22 11:22:00,R_1aB2cD3eF4gH5iJ\n");
        Assert.Equal("2022-05-22T17:22:00Z", QualtricsPull.LatestRecorded(table)); // 11:22 in Denver (MDT) is 17:22 UTC
    }

    [Fact]
    public async Task Pull_Token_NeverInTheWarehouseTheLandedFileOrTheResult()
    {
        var result = await Pull();
        Assert.Contains(_server.Seen, s => s.Contains("X-API-TOKEN: " + Token, StringComparison.OrdinalIgnoreCase));
        _w.Count("checkpoint");
        Assert.DoesNotContain(Token, System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(_w.Path_)), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, File.ReadAllText(result.LandedFile!), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, result.ToString(), StringComparison.Ordinal);
    }
}
