using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.TestSupport;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Jobs.Tests.Validity;

/// <summary>
/// research.ratings.rating_id is made from the rating and the file it came from, so a researcher's saved query or join
/// on it survives a rebuild: the same files landed in another order, into another warehouse with the same pseudonym
/// key, give the same ids (the landing's batch ids do not).
/// </summary>
[Trait(TestCategory.Trait, TestCategory.EndToEnd)]
public sealed class StableIdTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rp-ids-" + Guid.NewGuid().ToString("N")[..10]);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void RatingId_SameFilesLandedInTheOtherOrder_SameIds()
    {
        var lines = File.ReadAllLines(Path.Combine(Repository.Samples, "ilead-ratings.csv"));
        var head = lines.TakeWhile(l => !l.StartsWith("ilead,", StringComparison.Ordinal)).ToList();
        Directory.CreateDirectory(_dir);
        string Part(string name, Func<string, bool> wave)
        {
            var path = Path.Combine(_dir, name);
            File.WriteAllLines(path, head.Concat(lines.Skip(head.Count).Where(l => wave(l.Split(',')[2]))));
            return path;
        }

        var early = Part("early.csv", w => string.CompareOrdinal(w, "2020") <= 0);
        var late = Part("late.csv", w => string.CompareOrdinal(w, "2020") > 0);
        var a = Path.Combine(_dir, "a", "pipeline.duckdb");
        var b = Path.Combine(_dir, "b", "pipeline.duckdb");
        RpCli.Ok("init", "--warehouse", a);
        Directory.CreateDirectory(Path.GetDirectoryName(b)!);
        File.Copy(PseudonymKey.KeyFileFor(a), PseudonymKey.KeyFileFor(b)); // the same key: the same rater keys
        RpCli.Ok("init", "--warehouse", b);
        foreach (var (warehouse, files) in new[] { (a, new[] { early, late }), (b, new[] { late, early }) })
        {
            foreach (var file in files)
            {
                RpCli.Ok("ingest", file, "--warehouse", warehouse);
            }

            RpCli.Ok("transform", "--warehouse", warehouse);
        }

        const string Sql = "select rating_id || ':' || unit_id || ':' || rater_key || ':' || dimension_code || ':' || wave_id from research.ratings order by 1";
        var (idsA, idsB) = (Strings(a, Sql), Strings(b, Sql));
        Assert.True(idsA.Count > 6000, $"{idsA.Count} ratings");
        Assert.Equal(idsA, idsB);
        Assert.Equal(idsA.Count, idsA.Select(i => i.Split(':')[0]).Distinct().Count());
        Assert.All(idsA, i => Assert.True(long.Parse(i.Split(':')[0], System.Globalization.CultureInfo.InvariantCulture) > 0));
        // The landing's own numbering does differ: the test would see ids taken from it.
        const string Landing = "select batch_id || ':' || unit_id || ':' || rater_key || ':' || dimension_code || ':' || wave_id from research.ratings order by 1";
        Assert.NotEqual(Strings(a, Landing), Strings(b, Landing));
    }

    private static List<string> Strings(string warehouse, string sql)
    {
        using var c = Db.OpenReadOnly(warehouse);
        return Db.Strings(c, sql);
    }
}
