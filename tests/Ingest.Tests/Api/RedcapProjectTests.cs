using System.Globalization;
using System.Text.Json.Nodes;
using ResearchPipeline.Ingest.Api;
using ResearchPipeline.TestSupport;
using ResearchPipeline.TestSupport.Fakes;

namespace ResearchPipeline.Ingest.Tests.Api;

/// <summary>
/// rp pull against a REDCap project as real ones are (the fake follows the API's documentation and source): a server
/// clock west of UTC, a record id field that is not record_id, events as waves, data access groups as the unit, survey
/// timestamps as rated_at, and records quarantined for a mapping mistake pulled again once it is corrected.
/// </summary>
public sealed class RedcapProjectTests : IDisposable
{
    private const string Token = "0F1E2D3C4B5A69788796A5B4C3D2E1F0";
    private const string Stages = "1, Exploring change ideas | 2, Small change implementation | 3, Integrating IS/NIC into the core work | 4, Institutionalizing and sustaining the work";
    private readonly TempWarehouse _w = new();
    private readonly FakeRedcapServer _server;
    private readonly HttpClient _client = PullService.NewClient();
    private readonly string _mapping;

    private const string Mapping = """
        format: redcap
        network: ilead
        framework: ilead-dp-2018
        columns: { unit: redcap_data_access_group, role: role, rater: email, rated_at: annual_rating_timestamp }
        dimensions: { obj_1: "1", obj_2: "2" }
        roles: { "University faculty": IHE, "District staff": LEA }
        units: { uva_chesterfield: uva-chesterfield, gmu_fairfax: gmu-fairfax }
        waves: { "Year 2021": "2021", "Year 2022": "2022" }
        """;

    public RedcapProjectTests()
    {
        _server = new FakeRedcapServer(Token, new JsonArray(
            Field("participant_id", "Participant", "text", ""),
            Field("role", "Your role", "radio", "1, University faculty | 2, District staff"),
            Field("email", "Email", "text", ""),
            Field("obj_1", "Objective 1", "radio", Stages),
            Field("obj_2", "Objective 2", "radio", Stages)))
        {
            ServerTimeZone = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago"),
        };
        _server.Events.AddRange([("year_2021_arm_1", "Year 2021"), ("year_2022_arm_1", "Year 2022")]);
        _mapping = _w.WriteFile("redcap.mapping.yaml", Mapping);
        Participant("P-001", "uva_chesterfield", "1", new DateTime(2022, 6, 1, 0, 0, 0, DateTimeKind.Utc));
        Participant("P-002", "gmu_fairfax", "2", new DateTime(2022, 6, 2, 0, 0, 0, DateTimeKind.Utc));
    }

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
        _w.Dispose();
    }

    private static JsonObject Field(string name, string label, string type, string choices) => new()
    {
        ["field_name"] = name, ["form_name"] = name.StartsWith("obj", StringComparison.Ordinal) ? "annual_rating" : "enrollment", ["field_type"] = type,
        ["field_label"] = label, ["select_choices_or_calculations"] = choices,
    };

    /// <summary>A participant enrolled in the 2021 event (role, email there only), rating in both events; the 2022 survey not submitted.</summary>
    private void Participant(string id, string dag, string role, DateTime changed)
    {
        _server.Rows.Add((changed, Row(id, "year_2021_arm_1", dag, role, $"{id.ToLowerInvariant()}@example.org", "2", "3", "2021-05-03 10:00:00")));
        _server.Rows.Add((changed, Row(id, "year_2022_arm_1", dag, "", "", "3", "3", "[not completed]")));
    }

    private static JsonObject Row(string id, string ev, string dag, string role, string email, string o1, string o2, string timestamp) => new()
    {
        ["participant_id"] = id, ["redcap_event_name"] = ev, ["redcap_repeat_instrument"] = "", ["redcap_repeat_instance"] = "",
        ["redcap_data_access_group"] = dag, ["role"] = role, ["email"] = email, ["obj_1"] = o1, ["obj_2"] = o2, ["annual_rating_timestamp"] = timestamp,
    };

    private ApiSource Source(TimeZoneInfo? serverZone = null, string? recordIdField = null) =>
        new("dp-redcap", "redcap", new Uri(_server.BaseUrl, "api/"), "REDCAP_API_TOKEN", _mapping, RecordIdField: recordIdField)
        {
            Policy = QualtricsPullTests.Fast, ServerTimeZone = serverZone,
        };

    private Task<PullResult> Pull(ApiSource source) =>
        PullService.PullAsync(_w.Connection, source, Token, _client, Path.Combine(_w.Folder, "landing"), TempWarehouse.Options);

    [Fact]
    public async Task Pull_LongitudinalProject_EventsAreWavesGroupsAreUnitsTimestampsAreDates()
    {
        var result = await Pull(Source(TimeZoneInfo.FindSystemTimeZoneById("America/Chicago")));

        Assert.Equal((8L, 0L), (result.Batch!.RowsLoaded, result.Batch.RowsQuarantined));
        Assert.Contains(_server.Seen, s => s.Contains("fields%5B0%5D=participant_id", StringComparison.Ordinal)); // the first field, not record_id
        var rows = _w.Rows("select unit_id, role_code, wave_id, dimension_code, level_value, strftime(rated_at, '%Y-%m-%d %H:%M') from core.ratings order by all")
            .Select(r => string.Join('|', r)).ToList();
        Assert.Equal([
            "gmu-fairfax|LEA|2021|1|2|2021-05-03 15:00", "gmu-fairfax|LEA|2021|2|3|2021-05-03 15:00", // 10:00 on a Chicago server (CDT) is 15:00 UTC
            "gmu-fairfax|LEA|2022|1|3|", "gmu-fairfax|LEA|2022|2|3|", // [not completed]: no date; role and rater from the 2021 event
            "uva-chesterfield|IHE|2021|1|2|2021-05-03 15:00", "uva-chesterfield|IHE|2021|2|3|2021-05-03 15:00",
            "uva-chesterfield|IHE|2022|1|3|", "uva-chesterfield|IHE|2022|2|3|"], rows);
    }

    [Theory]
    [InlineData(null)] // no server_time_zone: the 14-hour overlap covers every server clock
    [InlineData("America/Los_Angeles")] // server_time_zone: the watermark in the server's clock
    public async Task Pull_ServerClockWestOfUtc_RecordEditedJustAfterAPullIsFetchedNextTime(string? serverZone)
    {
        _server.ServerTimeZone = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        var zone = serverZone is null ? null : TimeZoneInfo.FindSystemTimeZoneById(serverZone);
        var first = await Pull(Source(zone));
        Assert.Equal(8, first.Batch!.RowsLoaded);

        // One minute after the pull, P-002 corrects objective 1 of 2022 from 3 to 4.
        var edited = TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(1);
        var index = _server.Rows.FindIndex(r => (string)r.Row["participant_id"]! == "P-002" && (string)r.Row["redcap_event_name"]! == "year_2022_arm_1");
        var row = (JsonObject)_server.Rows[index].Row.DeepClone();
        row["obj_1"] = "4";
        _server.Rows[index] = (edited, row);
        for (var i = 0; i < _server.Rows.Count; i++)
        {
            if ((string)_server.Rows[i].Row["participant_id"]! == "P-002")
            {
                _server.Rows[i] = (edited, _server.Rows[i].Row);
            }
        }

        var second = await Pull(Source(zone));
        Assert.Equal(["4"], _w.Rows("select level_value::varchar from core.ratings where unit_id = 'gmu-fairfax' and wave_id = '2022' and dimension_code = '1'").Select(r => (string)r[0]!));
        Assert.Equal(8, _w.Count("select count(*) from core.ratings"));
        Assert.Equal(2, second.Batch!.SupersededRows); // the edited response's two ratings replace its earlier two

        // The dateRangeBegin sent: at or before the watermark on the server's own clock.
        var watermark = DateTime.SpecifyKind(DateTime.ParseExact(first.NewWatermark!, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), DateTimeKind.Utc);
        var sent = DateTime.ParseExact(_server.RangeBegins.Single(), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var onServerClock = TimeZoneInfo.ConvertTimeFromUtc(watermark, _server.ServerTimeZone);
        Assert.True(sent <= onServerClock, $"sent {sent:u}, the watermark on the server's clock is {onServerClock:u}");
        if (zone is not null)
        {
            Assert.Equal(onServerClock.AddMinutes(-5), sent);
        }

        // Pulled again: the overlap fetches P-002 once more, and nothing changes.
        await Pull(Source(zone));
        Assert.Equal(8, _w.Count("select count(*) from core.ratings"));
    }

    [Fact]
    public async Task Pull_RecordsQuarantinedForTheMapping_WatermarkKeptAndLandedOnceTheMappingIsCorrected()
    {
        File.WriteAllText(_mapping, Mapping.Replace(", \"Year 2022\": \"2022\"", "", StringComparison.Ordinal));
        var first = await Pull(Source());
        Assert.Equal((4L, 4L), (first.Batch!.RowsLoaded, first.Batch.RowsQuarantined)); // the 2022 event is no wave yet
        Assert.Equal("4 row(s) quarantined", first.WatermarkKeptBecause);
        Assert.Null(PullService.Watermark(_w.Connection, "dp-redcap"));

        File.WriteAllText(_mapping, Mapping);
        var second = await Pull(Source());
        Assert.Equal((4L, 0L), (second.Batch!.RowsLoaded, second.Batch.RowsQuarantined)); // the 2021 rows: already landed, skipped
        Assert.Null(second.WatermarkKeptBecause);
        Assert.Equal(8, _w.Count("select count(*) from core.ratings"));
        Assert.NotNull(PullService.Watermark(_w.Connection, "dp-redcap"));
    }

    [Fact]
    public async Task Pull_RecordIdFieldThatIsNotInTheProject_TheServersReasonIsSaid()
    {
        var ex = await Assert.ThrowsAsync<PullFailedException>(() => Pull(Source(recordIdField: "record_id")));
        Assert.Equal("dp-redcap: list the changed records: HTTP 400 Bad Request: the server said \"The following values in the parameter \"fields\" are not valid: 'record_id'\"; the server refused the request.", ex.Message);
    }
}
