using Microsoft.VisualBasic.FileIO;
using ResearchPipeline.Ingest.Api;
using ResearchPipeline.TestSupport;
using ResearchPipeline.TestSupport.Fakes;

namespace ResearchPipeline.Ingest.Tests.Real;

/// <summary>
/// REDCap's own longitudinal example project (data-samples/real/redcap-longitudinal, from REDCapR's test data: its
/// data dictionary, events and records as REDCap exported them, two questions adapted to the rubric) served by the
/// contract-faithful fake, pulled by rp pull: every record × event row arrives, the record id is study_id, each
/// visit is a wave, and the partnership and email given at enrolment reach the record's later events.
/// </summary>
public sealed class RealRedcapProjectTests : IDisposable
{
    private const string Token = "5C4B3A29181706F5E4D3C2B1A0918273";
    private static readonly string Project = Path.Combine(Repository.Samples, "real", "redcap-longitudinal");
    private readonly TempWarehouse _w = new();
    private readonly FakeRedcapServer _server = FakeRedcapServer.FromProject(Token, Project, new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc));
    private readonly HttpClient _client = PullService.NewClient();

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
        _w.Dispose();
    }

    [Fact]
    public async Task Pull_RedcapExampleProject_EveryRecordEventRowReadAndEachVisitAWave()
    {
        var source = new ApiSource("example-redcap", "redcap", new Uri(_server.BaseUrl, "api/"), "REDCAP_API_TOKEN", Path.Combine(Project, "mapping.yaml"))
        {
            Policy = Api.QualtricsPullTests.Fast,
        };
        var result = await PullService.PullAsync(_w.Connection, source, Token, _client, Path.Combine(_w.Folder, "landing"), TempWarehouse.Options);

        // Counted apart from the pipeline: the records file's data lines.
        using var parser = new TextFieldParser(Path.Combine(Project, "data.csv")) { Delimiters = [","], HasFieldsEnclosedInQuotes = true };
        var lines = -1L; // the header
        while (!parser.EndOfData)
        {
            parser.ReadFields();
            lines++;
        }

        Assert.Equal(18, lines);
        Assert.Equal(lines, result.Fetched);
        Assert.Equal((lines, 10L, 0L, 8L), (result.Batch!.RowsRead, result.Batch.RowsLoaded, result.Batch.RowsQuarantined, result.Batch.RowsSkipped)); // 8 events without the question
        Assert.Contains(_server.Seen, s => s.Contains("fields%5B0%5D=study_id", StringComparison.Ordinal));
        var rows = _w.Rows("select unit_id, wave_id, level_value from core.ratings order by unit_id, wave_id, level_value").Select(r => string.Join('|', r)).ToList();
        Assert.Equal([
            "gmu-fairfax|2019|1", "gmu-fairfax|2020|1", "gmu-fairfax|2021|2", "gmu-fairfax|2022|4", // study 220: race 1, pmq1 0, 0, 1, 3
            "um-oxford|2019|3", "um-oxford|2020|2", "um-oxford|2021|1", "um-oxford|2021|4", "um-oxford|2022|1", "um-oxford|2022|3"], rows); // 100 (arm 1) and 304 (arm 2)
        Assert.Equal(3, _w.Count("select count(distinct rater_key) from core.ratings"));
    }
}
