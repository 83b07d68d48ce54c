namespace ResearchPipeline.Jobs.Tests.Commands.Report;

/// <summary>
/// A report of a wave nothing was rated in is refused in one line naming the waves that were, and writes no file: an
/// empty report would read as a finding. The small warehouse has ilead ratings in 2019 and 2020 only, no TXNSI ratings.
/// </summary>
public sealed class UnratedWaveTests(SmallWarehouseFixture fixture) : IClassFixture<SmallWarehouseFixture>
{
    private readonly SmallWarehouse _w = fixture.Warehouse;

    [Theory]
    [InlineData("hub --wave 1999", "rp: Wave \"1999\" is not a wave the warehouse knows (waves with ilead-dp-2018 ratings: 2019, 2020).")]
    [InlineData("hub --wave 2021", "rp: Wave \"2021\" has no ilead-dp-2018 ratings (waves with some: 2019, 2020).")]
    [InlineData("partner --all --wave 2018", "rp: Wave \"2018\" has no iLEAD ratings (waves with some: 2019, 2020).")]
    [InlineData("ic --all", "rp: There are no IC-map ratings yet: ingest some, then transform, then report.")]
    [InlineData("ic --team txnsi-r10-campus-a1", "rp: There are no IC-map ratings of txnsi-r10-campus-a1 yet: ingest some, then transform, then report.")]
    public void Report_WaveWithNothingRated_OneLineErrorAndNoFile(string args, string message)
    {
        var reports = Path.Combine(_w.Folder, "unrated-" + Guid.NewGuid().ToString("N")[..8]);
        var (code, _, error) = RpCli.Run([.. ("report " + args).Split(' '), "--out", reports, "--warehouse", _w.Warehouse]);
        Assert.Equal(2, code);
        Assert.Equal(message, error.Trim());
        Assert.False(Directory.Exists(reports) && Directory.EnumerateFiles(reports, "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public void Report_RatedWave_IsWritten()
    {
        var reports = Path.Combine(_w.Folder, "rated-" + Guid.NewGuid().ToString("N")[..8]);
        Assert.Contains("2019.html", RpCli.Ok("report", "hub", "--wave", "2019", "--out", reports, "--warehouse", _w.Warehouse), StringComparison.Ordinal);
    }

    [Fact]
    public void Ingest_FolderWithNothingToRead_SaysSo()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_w.Folder, "empty-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var (code, _, error) = RpCli.Run("ingest", empty, "--warehouse", _w.Warehouse);
        Assert.Equal(2, code);
        Assert.Equal($"rp: {empty}: nothing to ingest: no .csv, .tsv, .xlsx or framework .yaml file (the folder is empty).", error.Trim());

        File.WriteAllText(Path.Combine(empty, "notes.txt"), "x");
        File.WriteAllText(Path.Combine(empty, "export.mapping.yaml"), "format: qualtrics\n");
        (code, _, error) = RpCli.Run("ingest", empty, "--warehouse", _w.Warehouse);
        Assert.Equal(2, code);
        Assert.Contains("(it holds export.mapping.yaml, notes.txt; *.mapping.yaml files are mappings, not data)", error, StringComparison.Ordinal);
    }
}
