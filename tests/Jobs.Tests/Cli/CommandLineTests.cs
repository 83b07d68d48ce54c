using ResearchPipeline.Jobs.Cli;
using ResearchPipeline.TestSupport;

namespace ResearchPipeline.Jobs.Tests.Cli;

public sealed class CommandLineTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rp-cli-" + Guid.NewGuid().ToString("N")[..10]);

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static (int Code, string Out, string Err) Rp(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CommandLine.Run(args, output, error, TimeProvider.System);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    [Trait(TestCategory.Trait, TestCategory.EndToEnd)]
    public void Demo_FromSamples_WritesElevenPartnerReportsAndCounts()
    {
        var (code, output, error) = Rp("demo", "--out", _dir, "--samples", Repository.Samples);
        Assert.True(code == 0, output + error);
        Assert.Equal(11, Directory.GetFiles(Path.Combine(_dir, "reports", "partner"), "*-2022.html").Length);
        Assert.Contains("ilead-dp-2018 (24 dimensions, 92 descriptors), txnsi-ic-2022 (15 dimensions, 374 descriptors)", output, StringComparison.Ordinal);
        Assert.Contains("Data tests: ", output, StringComparison.Ordinal);
        Assert.Contains(" 0 failed", output, StringComparison.Ordinal);

        var warehouse = Path.Combine(_dir, "warehouse", "pipeline.duckdb");
        var (qcode, csv, _) = Rp("query", "select framework_id, count(*) as n from core.descriptors group by 1 order by 1", "--format", "csv", "--warehouse", warehouse);
        Assert.Equal(0, qcode);
        Assert.Equal("framework_id,n\nilead-dp-2018,92\ntxnsi-ic-2022,374\n", csv.Replace("\r", "", StringComparison.Ordinal));

        // Global options go before or after the command; re-ingest is a no-op.
        var (icode, again, _) = Rp("--warehouse", warehouse, "ingest", Path.Combine(Repository.Samples, "ilead-ratings.csv"));
        Assert.Equal(0, icode);
        Assert.Contains("already ingested as batch 1; nothing changed", again, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_NothingPublishedYet_SaysToPublishFirst()
    {
        Rp("init", "--warehouse", Path.Combine(_dir, "w.duckdb"));
        var (code, _, error) = Rp("query", "select 1", "--warehouse", Path.Combine(_dir, "w.duckdb"));
        Assert.Equal(2, code);
        Assert.StartsWith($"rp: No published snapshot at {Path.Combine(_dir, "published", "snapshot.duckdb")}: run 'rp publish' (or 'rp demo') first.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Ingest_SurveyExport_MappingGivenOrSaidToBeMissing()
    {
        var warehouse = Path.Combine(_dir, "w.duckdb");
        Rp("init", "--warehouse", warehouse);
        var export = Path.Combine(_dir, "responses.csv");
        File.Copy(Path.Combine(Repository.Samples, "surveys", "googleforms-ilead-2020.csv"), export);

        var (refused, _, error) = Rp("ingest", export, "--warehouse", warehouse);
        Assert.Equal(2, refused);
        Assert.StartsWith("rp: responses.csv: this looks like a Google Forms export; say which columns hold what with --mapping MAPPING.yaml", error, StringComparison.Ordinal);

        var (code, output, _) = Rp("ingest", export, "--mapping", Path.Combine(Repository.Samples, "surveys", "googleforms-ilead-2020.mapping.yaml"), "--warehouse", warehouse);
        Assert.Equal(0, code);
        Assert.Contains("responses.csv: googleforms batch 1: read 552, loaded 535, quarantined 0, skipped 17", output, StringComparison.Ordinal);
        Assert.Contains("23 responses × 24 objective columns", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Ingest_MissingFile_ExitsTwoWithOneClearLine()
    {
        Rp("init", "--warehouse", Path.Combine(_dir, "w.duckdb"));
        var (code, _, error) = Rp("ingest", Path.Combine(_dir, "nope.csv"), "--warehouse", Path.Combine(_dir, "w.duckdb"));
        Assert.Equal(2, code);
        Assert.StartsWith("rp: ", error, StringComparison.Ordinal);
        Assert.Contains("nope.csv: no such file", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_UnknownCommand_ExitsTwo()
    {
        Assert.Equal(2, Rp("frobnicate").Code);
    }

    [Fact]
    public void SamplesGenerate_SameSeed_SameBytes_AndInventsRoster()
    {
        Assert.Equal(0, Rp("samples", "generate", "--out", Path.Combine(_dir, "a"), "--partnerships", "13", "--seed", "7").Code);
        Assert.Equal(0, Rp("samples", "generate", "--out", Path.Combine(_dir, "b"), "--partnerships", "13", "--seed", "7").Code);
        Assert.Equal(File.ReadAllBytes(Path.Combine(_dir, "a", "ilead-ratings.csv")), File.ReadAllBytes(Path.Combine(_dir, "b", "ilead-ratings.csv")));
        var roster = File.ReadAllLines(Path.Combine(_dir, "a", "roster.csv"));
        Assert.Equal(5, roster.Length); // header + 2 invented units × (IHE, LEA)
        var warehouse = Path.Combine(_dir, "g.duckdb");
        Rp("init", "--warehouse", warehouse);
        var (code, output, _) = Rp("ingest", Path.Combine(_dir, "a"), "--warehouse", warehouse);
        Assert.Equal(0, code);
        Assert.Contains("quarantined 0", output, StringComparison.Ordinal);
        Assert.DoesNotContain("quarantined 1", output, StringComparison.Ordinal);
    }
}
