using ResearchPipeline.Ingest;
using ResearchPipeline.TestSupport;

namespace ResearchPipeline.Ingest.Tests.Spreadsheets;

/// <summary>The committed workbooks in data-samples/workbooks do what their EXPECTED.md says.</summary>
public sealed class WorkbookSampleTests : IDisposable
{
    private static readonly string Workbooks = Path.Combine(Repository.Samples, "workbooks");
    private readonly TempWarehouse _w = new();

    public void Dispose() => _w.Dispose();

    [Fact]
    public void Ingest_FilledWorkbook_EverySheetLoaded()
    {
        var result = IngestService.IngestFile(_w.Connection, Path.Combine(Workbooks, "partnership-workbook-2022.xlsx"), TempWarehouse.Options);
        Assert.Equal((264L, 264L, 0L, 0L), (result.RowsRead, result.RowsLoaded, result.RowsQuarantined, result.RowsSkipped));
        Assert.Equal(11, result.Notes.Count(n => n.EndsWith(": read 24, loaded 24, quarantined 0, skipped 0", StringComparison.Ordinal)));
        Assert.Equal(264, _w.Count("select count(*) from core.ratings where role_code = 'JOINT' and is_consensus and wave_id = '2022'"));
        Assert.True(_w.Count("select count(*) from ops.ingest_batches where is_synthetic") == 1, "the title rows mark it as synthetic sample data");
    }

    [Fact]
    public void Ingest_MessyWorkbook_AsExpectedMdSays()
    {
        var result = IngestService.IngestFile(_w.Connection, Path.Combine(Workbooks, "messy-workbook-2020.xlsx"), TempWarehouse.Options);
        Assert.Equal((73L, 71L, 1L, 1L), (result.RowsRead, result.RowsLoaded, result.RowsQuarantined, result.RowsSkipped));
        Assert.Contains("Sheet \"old draft\" is hidden: skipped", result.Notes);
        Assert.Contains("Sheet \"University of Denver & Denver P\": read 24, loaded 24, quarantined 0, skipped 0", result.Notes);
        var expected = File.ReadAllText(Path.Combine(Workbooks, "EXPECTED.md"));
        var message = Assert.Single(result.Problems).Describe("messy-workbook-2020.xlsx");
        Assert.Equal("messy-workbook-2020.xlsx: Sheet \"fordham-bronx\" cell C31: \"Stage 5\" is not a stage of ilead-dp-2018 (expected 1–4 or a stage name)", message);
        Assert.Contains(message, expected, StringComparison.Ordinal);
        Assert.Equal(24, _w.Count("select count(*) from core.ratings where unit_id = 'du-denver'"));
    }
}
