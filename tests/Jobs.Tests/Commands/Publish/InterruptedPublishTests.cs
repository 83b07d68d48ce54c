using ResearchPipeline.TestSupport;

namespace ResearchPipeline.Jobs.Tests.Commands.Publish;

/// <summary>
/// A publish killed after the snapshot was switched but before manifest.json and the data dictionary were: readers
/// go by the snapshot itself (its ops.snapshot_info), and rp status says the manifest is behind.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.EndToEnd)]
public sealed class InterruptedPublishTests : IDisposable
{
    private readonly SmallWarehouse _w = new();

    public void Dispose() => _w.Dispose();

    [Fact]
    public void Status_ManifestLeftFromTheEarlierSnapshot_ReadersCanTell()
    {
        var manifest = Path.Combine(_w.Published, "manifest.json");
        var earlier = File.ReadAllText(manifest);
        var more = Path.Combine(_w.Folder, "more.csv");
        File.WriteAllText(more, "network,framework,wave,unit,role,rater,dimension,level\n" +
                                string.Concat(Enumerable.Range(1, 24).Select(d => $"ilead,ilead-dp-2018,2020,uva-chesterfield,IHE,late.rater@example.org,{d},3\n")));
        _w.Rp("ingest", more);
        _w.Rp("transform");
        _w.Rp("publish");
        Assert.DoesNotContain("a publish was interrupted", _w.Rp("status"), StringComparison.Ordinal);

        File.WriteAllText(manifest, earlier); // what a kill between the snapshot's rename and the manifest's leaves
        var status = _w.Rp("status");
        Assert.Contains("manifest.json and the data dictionary describe an earlier snapshot (a publish was interrupted after switching the snapshot): run 'rp publish' to write them again.", status, StringComparison.Ordinal);
        var snapshotRatings = _w.Rp("query", "select count(*) as n from core.ratings", "--format", "csv").Split('\n')[1].Trim();
        Assert.Contains($"{long.Parse(snapshotRatings, System.Globalization.CultureInfo.InvariantCulture):N0} ratings", status, StringComparison.Ordinal); // the snapshot's own count, not the manifest's

        _w.Rp("publish");
        Assert.DoesNotContain("a publish was interrupted", _w.Rp("status"), StringComparison.Ordinal);
    }
}
