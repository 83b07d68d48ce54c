using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Ingest.Surveys;
using ResearchPipeline.TestSupport;

namespace ResearchPipeline.Ingest.Tests.Real;

/// <summary>
/// Real Qualtrics exports (data-samples/real, from the qualtRics R package's test data): the current exporter with its
/// question-text row in German, the same file with rows 2–3 deleted as analysts do, and the legacy exporter. Each
/// holds one response; each must land it, whatever its header rows.
/// </summary>
public sealed class RealQualtricsExportTests : IDisposable
{
    private readonly TempWarehouse _w = new();

    public void Dispose() => _w.Dispose();

    [Theory]
    [InlineData("qualtrics-current-german.csv", 3)]
    [InlineData("qualtrics-current-german-rows-2-3-deleted.csv", 1)]
    [InlineData("qualtrics-legacy.csv", 2)]
    public void IngestReal_QualtricsExport_ItsOneResponseLandsWithItsLevelUnitAndComment(string file, int headerRows)
    {
        var path = Path.Combine(Repository.Samples, "real", file);
        var table = SurveyTable.Parse(file, File.ReadAllText(path));
        Assert.Equal(headerRows, SurveyFormats.Detect(table)!.HeaderRows(table));

        var result = IngestService.IngestFile(_w.Connection, path, TempWarehouse.Options,
            SurveyMappingLoader.Load(Path.ChangeExtension(path, ".mapping.yaml")));

        Assert.Equal((1L, 1L, 1L, 0L, 0L), (result.Responses, result.RowsRead, result.RowsLoaded, result.RowsQuarantined, result.RowsSkipped));
        Assert.Equal(["uva-chesterfield|IHE|1|2|Hello World!"],
            _w.Rows("select unit_id, role_code, dimension_code, level_value, comment from core.ratings").Select(r => string.Join('|', r)));
        Assert.Equal(0, _w.Count("select count(*) from raw.long_ratings where rater_key like 'R\\_%' escape '\\'")); // the response id is pseudonymized
    }
}
