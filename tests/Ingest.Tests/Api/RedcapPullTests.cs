using System.Text.Json.Nodes;
using ResearchPipeline.Ingest.Api;
using ResearchPipeline.TestSupport;
using ResearchPipeline.TestSupport.Fakes;

namespace ResearchPipeline.Ingest.Tests.Api;

/// <summary>rp pull's REDCap path against a fake of the export-records API on 127.0.0.1.</summary>
public sealed class RedcapPullTests : IDisposable
{
    private const string Token = "8A1B2C3D4E5F60718293A4B5C6D7E8F9";
    private static readonly string[] Units = ["uva-chesterfield", "gmu-fairfax", "du-denver", "uic-chicago", "um-oxford"];
    private readonly TempWarehouse _w = new();
    private readonly FakeRedcapServer _server;
    private readonly HttpClient _client = PullService.NewClient();
    private readonly ApiSource _source;

    public RedcapPullTests()
    {
        const string Stages = "1, Exploring change ideas | 2, Small change implementation | 3, Integrating IS/NIC into the core work | 4, Institutionalizing and sustaining the work";
        var metadata = new JsonArray(
            Field("record_id", "Record ID", "text", ""),
            Field("partnership", "Which partnership?", "dropdown", string.Join(" | ", Units.Select((u, i) => $"{i + 1}, {u}"))),
            Field("role", "Your role", "radio", "1, University faculty | 2, District staff"),
            Field("email", "Email", "text", ""),
            Field("wave", "Assessment year", "text", ""),
            Field("obj_1", "Objective 1: Commitment to the Idea of Improvement", "radio", Stages),
            Field("obj_2", "Objective 2: Curriculum/Program Development", "radio", Stages),
            Field("obj_3", "Objective 3: Faculty Development and Promotion", "radio", Stages));
        _server = new FakeRedcapServer(Token, metadata);
        for (var r = 1; r <= 5; r++)
        {
            AddRecord(r, new DateTime(2021, 6, r), ("2021", [1, 2, 3]), ("2022", [2, 2, 4]));
        }

        var mapping = _w.WriteFile("redcap.mapping.yaml", """
            format: redcap
            network: ilead
            framework: ilead-dp-2018
            columns: { unit: partnership, role: role, rater: email, wave: wave }
            dimensions: by-question-text
            roles: { "University faculty": IHE, "District staff": LEA }
            """);
        _source = new ApiSource("dp-redcap", "redcap", new Uri(_server.BaseUrl, "api/"), "REDCAP_API_TOKEN", mapping, BatchSize: 2) { Policy = QualtricsPullTests.Fast };
    }

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
        _w.Dispose();
    }

    private static JsonObject Field(string name, string label, string type, string choices) => new()
    {
        ["field_name"] = name, ["form_name"] = "rating", ["field_type"] = type, ["field_label"] = label, ["select_choices_or_calculations"] = choices,
    };

    /// <summary>A record: its base row (partnership, role, email) and one repeating "annual_rating" row per wave.</summary>
    private void AddRecord(int id, DateTime changed, params (string Wave, int[] Stages)[] ratings)
    {
        var record = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _server.Rows.Add((changed, new JsonObject
        {
            ["record_id"] = record, ["redcap_repeat_instrument"] = "", ["redcap_repeat_instance"] = "",
            ["partnership"] = ((id % Units.Length) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["role"] = id % 2 == 0 ? "2" : "1", ["email"] = $"rater{id}@example.org", ["wave"] = "", ["obj_1"] = "", ["obj_2"] = "", ["obj_3"] = "",
        }));
        var instance = 1;
        foreach (var (wave, stages) in ratings)
        {
            _server.Rows.Add((changed, new JsonObject
            {
                ["record_id"] = record, ["redcap_repeat_instrument"] = "annual_rating", ["redcap_repeat_instance"] = (instance++).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["partnership"] = "", ["role"] = "", ["email"] = "", ["wave"] = wave,
                ["obj_1"] = stages[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["obj_2"] = stages[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["obj_3"] = stages[2].ToString(System.Globalization.CultureInfo.InvariantCulture),
            }));
        }
    }

    private Task<PullResult> Pull(string token = Token) =>
        PullService.PullAsync(_w.Connection, _source, token, _client, Path.Combine(_w.Folder, "landing"), TempWarehouse.Options);

    [Fact]
    public async Task Pull_Clean_MetadataIdsThenRecordsInBatchesRepeatingInstrumentsRead()
    {
        var result = await Pull();
        Assert.Equal([2, 2, 1], _server.BatchSizes);
        Assert.Equal(1 + 1 + 1 + 3, result.Attempts); // metadata, project info, ids, three batches
        Assert.Equal(15, result.Fetched); // 5 base rows + 10 repeating rows
        Assert.Equal(30, result.Batch!.RowsLoaded); // 10 repeating rows × 3 objectives; base rows hold no stage (skipped)
        Assert.Equal(15, result.Batch.RowsSkipped);
        var rows = _w.Rows("select unit_id, role_code, wave_id, dimension_code, level_value from core.ratings where unit_id = 'gmu-fairfax' order by wave_id, dimension_code")
            .Select(r => string.Join('|', r)).ToList();
        Assert.Equal(["gmu-fairfax|IHE|2021|1|1", "gmu-fairfax|IHE|2021|2|2", "gmu-fairfax|IHE|2021|3|3", "gmu-fairfax|IHE|2022|1|2", "gmu-fairfax|IHE|2022|2|2", "gmu-fairfax|IHE|2022|3|4"], rows);
        Assert.Contains(_server.Seen, s => s.Contains("token=" + Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pull_Second_FetchesOnlyRecordsChangedSinceTheWatermark()
    {
        var first = await Pull();
        _server.BatchSizes.Clear();
        AddRecord(6, TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(5), ("2022", [3, 3, 3]));
        var second = await Pull();
        Assert.Equal([1], _server.BatchSizes);
        Assert.Equal(2, second.Fetched);
        Assert.Equal(3, second.Batch!.RowsLoaded);
        Assert.Equal(33, _w.Count("select count(*) from core.ratings"));
        Assert.NotNull(first.NewWatermark);
    }

    [Fact]
    public async Task Pull_ServerErrorOnABatch_RetriedAndNothingMissing()
    {
        _server.Inject(FakeHttpServer.FaultKind.ServerError, "records", times: 2);
        var result = await Pull();
        Assert.Equal(5, _server.Requests["records"]);
        Assert.Equal(8, result.Attempts);
        Assert.Equal(30, _w.Count("select count(*) from core.ratings"));
    }

    [Fact]
    public async Task Pull_MalformedJson_FailsAtOnceAndLandsNothing()
    {
        _server.Inject(FakeHttpServer.FaultKind.MalformedJson, "ids");
        var ex = await Assert.ThrowsAsync<PullFailedException>(() => Pull());
        Assert.StartsWith("dp-redcap: list the changed records: the answer is not valid JSON", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, _server.TotalRequests);
        Assert.Equal(0, _w.Count("select count(*) from ops.ingest_batches"));
    }

    [Fact]
    public async Task Pull_WrongToken_FailsAtOnceWithoutShowingIt()
    {
        var ex = await Assert.ThrowsAsync<PullFailedException>(() => Pull("0000WRONG0000"));
        Assert.Equal("dp-redcap: export the field metadata: HTTP 403 Forbidden: the server said \"You do not have permissions to use the API\"; the token was refused; check the token in the environment variable this source names.", ex.Message);
        Assert.Equal(1, _server.TotalRequests);
        Assert.DoesNotContain("0000WRONG0000", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_FailingMidwayThenRerun_EndsWithExactlyTheRightRows()
    {
        _server.FailRecordRequestsFrom = 2; // batch 1 arrives, batch 2 fails on every attempt
        var ex = await Assert.ThrowsAsync<PullFailedException>(() => Pull());
        Assert.Equal("dp-redcap: export records (batch 2 of 3): HTTP 500 Internal Server Error: the server said \"The server encountered an error\"; still failing after 4 attempt(s).", ex.Message);
        Assert.Equal(5, _server.Requests["records"]);
        Assert.Equal(0, _w.Count("select count(*) from core.ratings"));
        Assert.Null(PullService.Watermark(_w.Connection, "dp-redcap"));
        _server.FailRecordRequestsFrom = null;
        var rerun = await Pull();
        Assert.Equal(30, rerun.Batch!.RowsLoaded);
        Assert.Equal(30, _w.Count("select count(*) from core.ratings"));
    }
}
