using System.Text.Json;
using ResearchPipeline.TestSupport;

namespace ResearchPipeline.Jobs.Tests.Commands.Publish;

/// <summary>rp publish never silently replaces researchers' data with much less, and its content hash names the data, not the file.</summary>
[Trait(TestCategory.Trait, TestCategory.EndToEnd)]
public sealed class PublishCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rp-pub-" + Guid.NewGuid().ToString("N")[..10])).FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Config(string name, string warehouse)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, $"warehouse: {warehouse}/pipeline.duckdb\npublish_to: published\nreports_out: reports\n");
        return path;
    }

    private string Manifest(string key)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "published", "manifest.json")));
        return json.RootElement.GetProperty(key).ToString();
    }

    private string PublishedRatings() =>
        RpCli.Ok("query", "select count(*) as n from core.ratings", "--format", "csv", "--config", Config("a.yaml", "a")).Split('\n')[1].Trim();

    [Fact]
    public void Publish_FarFewerRatingsThanPublished_RefusedUnlessAllowShrink()
    {
        var a = Config("a.yaml", "a");
        RpCli.Ok("init", "--config", a);
        RpCli.Ok("ingest", Path.Combine(Repository.Samples, "ilead-ratings.csv"), "--config", a);
        RpCli.Ok("transform", "--config", a);
        RpCli.Ok("publish", "--config", a);
        var before = PublishedRatings();

        // The same snapshot folder, written from an empty warehouse: what a mistyped warehouse path does.
        var b = Config("b.yaml", "b");
        RpCli.Ok("init", "--config", b);
        RpCli.Ok("transform", "--config", b);
        var (code, _, error) = RpCli.Run("publish", "--config", b);
        Assert.Equal(2, code);
        Assert.StartsWith($"rp: Not publishing: the new snapshot would hold 0 ratings where the published one holds {long.Parse(before, System.Globalization.CultureInfo.InvariantCulture):N0} (-100%)", error, StringComparison.Ordinal);
        Assert.Contains("rp publish --allow-shrink", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Equal(before, PublishedRatings());

        // rp run stops there, recorded as failed, and publishes nothing either.
        var (runCode, runOutput, _) = RpCli.Run("run", "--config", b);
        Assert.Equal(1, runCode);
        Assert.Contains("  publish     failed: Not publishing: the new snapshot would hold 0 ratings", runOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("  reports", runOutput, StringComparison.Ordinal);
        Assert.Equal(before, PublishedRatings());
        var status = RpCli.Ok("status", "--config", b);
        Assert.Contains("run:publish failed at ", status, StringComparison.Ordinal);

        RpCli.Ok("publish", "--allow-shrink", "--config", b);
        Assert.Equal("0", PublishedRatings());
    }

    [Fact]
    public void Publish_UnchangedData_SameContentHashAndReportsStampWhatTheyRead()
    {
        var a = Config("a.yaml", "a");
        RpCli.Ok("init", "--config", a);
        RpCli.Ok("ingest", Path.Combine(Repository.Samples, "ilead-ratings.csv"), "--config", a);
        RpCli.Ok("transform", "--config", a);
        RpCli.Ok("publish", "--config", a);
        var first = Manifest("content_sha256");
        RpCli.Ok("check", "--config", a); // a new test run and a new ops.runs row: not data
        RpCli.Ok("publish", "--config", a);
        Assert.Equal(first, Manifest("content_sha256"));
        Assert.Matches("^[0-9a-f]{64}$", first);

        // Built from the published data, a report says so; built from data not yet published, it says that instead.
        RpCli.Ok("report", "partner", "--partnership", "uva-chesterfield", "--config", a);
        var report = Path.Combine(_dir, "reports", "partner", "uva-chesterfield-2022.html");
        Assert.Contains($"snapshot {first[..12]}", File.ReadAllText(report), StringComparison.Ordinal);

        var extra = Path.Combine(_dir, "extra.csv");
        File.WriteAllLines(extra, File.ReadLines(Path.Combine(Repository.Samples, "ilead-ratings.csv")).Skip(1).Take(1)
            .Append("ilead,ilead-dp-2018,2022,uva-chesterfield,IHE,new.rater@example.org,1,3,2022-05-01,false,"));
        RpCli.Ok("ingest", extra, "--config", a);
        RpCli.Ok("transform", "--config", a);
        RpCli.Ok("report", "partner", "--partnership", "uva-chesterfield", "--config", a);
        var html = File.ReadAllText(report);
        Assert.DoesNotContain($"snapshot {first[..12]}", html, StringComparison.Ordinal);
        Assert.Contains("(not yet published)", html, StringComparison.Ordinal);

        RpCli.Ok("publish", "--config", a);
        Assert.NotEqual(first, Manifest("content_sha256"));
        RpCli.Ok("report", "partner", "--partnership", "uva-chesterfield", "--config", a);
        Assert.Contains($"snapshot {Manifest("content_sha256")[..12]}", File.ReadAllText(report), StringComparison.Ordinal);
    }
}
