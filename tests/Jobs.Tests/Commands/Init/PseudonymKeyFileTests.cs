namespace ResearchPipeline.Jobs.Tests.Commands.Init;

/// <summary>
/// The pseudonym key file left by a crash: rp init writes the key whole under a temporary name and renames it, so an
/// empty key file is one that was never finished; init replaces it, and every other command refuses it in one line.
/// </summary>
public sealed class PseudonymKeyFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rp-key-" + Guid.NewGuid().ToString("N")[..10])).FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void EmptyKeyFile_IngestRefusesInOneLineAndInitReplacesIt()
    {
        var warehouse = Path.Combine(_dir, "pipeline.duckdb");
        RpCli.Ok("init", "--warehouse", warehouse);
        File.WriteAllText(warehouse + ".key", "");
        var ratings = Path.Combine(_dir, "r.csv");
        File.WriteAllText(ratings, "network,framework,wave,unit,role,rater,dimension,level\nilead,ilead-dp-2018,2021,uva-chesterfield,IHE,ann@example.org,1,2\n");

        var (code, _, err) = RpCli.Run("ingest", ratings, "--warehouse", warehouse);
        Assert.Equal(2, code); // bad input
        Assert.StartsWith($"rp: The pseudonym key file {warehouse}.key is empty; restore it from backup", err.Trim(), StringComparison.Ordinal);
        Assert.Single(err.Trim().Split('\n')); // one line, no stack trace

        // On a fresh warehouse (no rater pseudonymized yet) init writes a new key, and ingest works.
        var fresh = Path.Combine(_dir, "fresh", "pipeline.duckdb");
        Directory.CreateDirectory(Path.GetDirectoryName(fresh)!);
        File.WriteAllText(fresh + ".key", "");
        RpCli.Ok("init", "--warehouse", fresh);
        Assert.Equal(64, File.ReadAllText(fresh + ".key").Trim().Length);
        RpCli.Ok("ingest", ratings, "--warehouse", fresh);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(fresh)!, "*.tmp-*"));
    }
}
