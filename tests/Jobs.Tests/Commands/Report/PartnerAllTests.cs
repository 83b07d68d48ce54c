namespace ResearchPipeline.Jobs.Tests.Commands.Report;

/// <summary>rp report partner --all writes its reports on every core: the same files as one at a time, said in order.</summary>
public sealed class PartnerAllTests(SmallWarehouseFixture fixture) : IClassFixture<SmallWarehouseFixture>
{
    private readonly SmallWarehouse _w = fixture.Warehouse;

    [Fact]
    public void AllAtOnce_WritesTheSameBytesAsOneByOne_AndSaysThemInOrder()
    {
        var together = Path.Combine(_w.Folder, "all-" + Guid.NewGuid().ToString("N")[..6]);
        var output = _w.Rp("report", "partner", "--all", "--wave", "2020", "--out", together);
        var said = output.Split('\n').Select(l => l.Trim()).Where(l => l.EndsWith(".html", StringComparison.Ordinal)).ToList();
        string[] units = ["gmu-fairfax", "syn-formula", "uva-chesterfield"];
        Assert.Equal(units.Select(u => Path.Combine(together, "partner", $"{u}-2020.html")), said);
        foreach (var unit in units)
        {
            var alone = Path.Combine(_w.Folder, "one-" + Guid.NewGuid().ToString("N")[..6]);
            _w.Rp("report", "partner", "--partnership", unit, "--wave", "2020", "--out", alone);
            Assert.Equal(File.ReadAllBytes(Path.Combine(alone, "partner", $"{unit}-2020.html")), File.ReadAllBytes(Path.Combine(together, "partner", $"{unit}-2020.html")));
        }
    }
}
