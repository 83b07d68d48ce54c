using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Ingest.Surveys;
using ResearchPipeline.TestSupport;

namespace ResearchPipeline.Ingest.Tests.Surveys;

/// <summary>
/// An export whose responses were quarantined for a mapping mistake lands them once the mapping is corrected, without
/// loading twice what had landed; the same file through the same mapping is recognized as landed and changes nothing.
/// </summary>
public sealed class MappingCorrectedTests : IDisposable
{
    private readonly TempWarehouse _w = new();

    public void Dispose() => _w.Dispose();

    private IngestResult Ingest(string csv, string mapping) =>
        IngestService.IngestFile(_w.Connection, csv, TempWarehouse.Options, SurveyMappingLoader.Load(mapping));

    [Fact]
    public void Ingest_SameFileAfterTheMappingIsCorrected_QuarantinedResponsesLandAndNothingTwice()
    {
        var csv = _w.WriteFile("forms.csv",
            "Timestamp,Email Address,Partnership,Role,Objective 1,Objective 2\n" +
            "2021/06/22 11:07:29 AM EDT,a@example.org,gmu-fairfax,IHE,2,3\n" +
            "2021/06/22 11:08:29 AM EDT,b@example.org,gmu-fairfax,Faculty,1,2\n");
        const string Mapping = "format: googleforms\nnetwork: ilead\nframework: ilead-dp-2018\ncolumns: { unit: Partnership, role: Role, rater: Email Address, rated_at: Timestamp }\n" +
                               "dimensions: { \"Objective 1\": \"1\", \"Objective 2\": \"2\" }\n";
        var mapping = _w.WriteFile("forms.mapping.yaml", Mapping);

        var first = Ingest(csv, mapping);
        Assert.Equal((4L, 2L, 2L), (first.RowsRead, first.RowsLoaded, first.RowsQuarantined));
        Assert.Equal(IngestStatus.AlreadyIngested, Ingest(csv, mapping).Status); // unchanged: nothing happens

        File.WriteAllText(mapping, Mapping + "roles: { Faculty: IHE }\n");
        var second = Ingest(csv, mapping);
        Assert.Equal(IngestStatus.Loaded, second.Status);
        Assert.Equal((4L, 2L, 0L, 2L), (second.RowsRead, second.RowsLoaded, second.RowsQuarantined, second.RowsSkipped)); // the landed response is skipped
        Assert.Equal(4, _w.Count("select count(*) from core.ratings"));
        Assert.Equal(IngestStatus.AlreadyIngested, Ingest(csv, mapping).Status);
    }
}
