using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Models;
using ResearchPipeline.TestSupport;

namespace ResearchPipeline.Ingest.Tests.Landing;

/// <summary>A warehouse is pseudonymized under one key: a corrected re-export landed under another is refused, not given second identities.</summary>
public sealed class KeyGuardTests : IDisposable
{
    private readonly TempWarehouse _w = new();

    public void Dispose() => _w.Dispose();

    [Fact]
    public void Ingest_UnderAnotherKey_RefusedBeforeAnythingLandsAndNoRaterGetsASecondIdentity()
    {
        var first = _w.WriteFile("ratings-2021.csv",
            "network,framework,wave,unit,role,rater,dimension,level\nilead,ilead-dp-2018,2021,uva-chesterfield,IHE,ann@example.org,1,2\n");
        IngestService.IngestFile(_w.Connection, first, TempWarehouse.Options);
        var before = _w.Count("select count(*) from raw.long_ratings");

        var corrected = _w.WriteFile("ratings-2021-corrected.csv",
            "network,framework,wave,unit,role,rater,dimension,level\nilead,ilead-dp-2018,2021,uva-chesterfield,IHE,ann@example.org,1,3\n");
        var otherKey = new IngestOptions(new Pseudonymizer("another-key-0123456789abcdef"u8.ToArray()), TimeProvider.System);
        var refusal = Assert.Throws<PipelineInputException>(() => IngestService.IngestFile(_w.Connection, corrected, otherKey));
        Assert.StartsWith("The pseudonym key in use (fingerprint k_", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("is not the one this warehouse's raters were pseudonymized with", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(before, _w.Count("select count(*) from raw.long_ratings"));

        IngestService.IngestFile(_w.Connection, corrected, TempWarehouse.Options); // under the warehouse's own key it lands
        Assert.Equal(1, _w.Count("select count(distinct rater_key) from core.ratings"));
    }
}
