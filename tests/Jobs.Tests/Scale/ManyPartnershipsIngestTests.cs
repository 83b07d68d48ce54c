using ResearchPipeline.Ingest;
using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.TestSupport;

namespace ResearchPipeline.Jobs.Tests.Scale;

/// <summary>
/// The 10× benchmark's shape, reduced: many partnerships (400) with few raters and waves, bad rows (a wave never
/// loaded) and second ratings among them. The set-based landing must land exactly what the row-by-row path lands:
/// same counts, same quarantine messages in the same order, same raw, quarantine, ratings and batches.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.EndToEnd)]
public sealed class ManyPartnershipsIngestTests : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rp-many-" + Guid.NewGuid().ToString("N")[..10])).FullName;
    private readonly TempWarehouse _setBased = new();
    private readonly TempWarehouse _rowByRow = new();

    public void Dispose()
    {
        _setBased.Dispose();
        _rowByRow.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    }

    [Fact]
    public void ManyPartnershipsWithBadRows_LandTheSameBothWays()
    {
        var samples = Path.Combine(_dir, "samples");
        RpCli.Ok("samples", "generate", "--out", samples, "--partnerships", "400", "--waves", "4", "--raters", "2", "--seed", "3");
        var lines = File.ReadAllLines(Path.Combine(samples, "ilead-ratings.csv"));
        var head = lines.TakeWhile(l => !l.StartsWith("ilead,", StringComparison.Ordinal)).ToList();
        var rows = lines.Skip(head.Count).ToList();
        // Every 20th row names a wave that was never loaded; the first three rows come again at the end, rated again.
        var changed = rows.Select((r, i) => i % 20 == 19 ? string.Join(',', r.Split(',').Select((f, j) => j == 2 ? "2099" : f)) : r)
            .Concat(rows.Take(3).Select(r => string.Join(',', r.Split(',').Select((f, j) => j == 7 ? "2" : f))));
        var file = Path.Combine(_dir, "many.csv");
        File.WriteAllLines(file, head.Concat(changed));

        var reference = new[] { "roster.csv", "waves.csv" }.Select(f => Path.Combine(samples, f)).Where(File.Exists).ToList();
        Assert.Contains(reference, f => f.EndsWith("roster.csv", StringComparison.Ordinal));
        IngestResult Land(TempWarehouse w, bool rowByRow)
        {
            var options = new IngestOptions(TempWarehouse.Pseudonymizer, new FixedClock()) { RowByRow = rowByRow };
            foreach (var f in reference)
            {
                IngestService.IngestFile(w.Connection, f, options);
            }

            return IngestService.IngestFile(w.Connection, file, options);
        }

        var a = Land(_setBased, rowByRow: false);
        var b = Land(_rowByRow, rowByRow: true);
        Assert.Null(a.RowByRowBecause);
        Assert.Equal(rows.Count + 3, a.RowsRead);
        Assert.True(a.RowsQuarantined > rows.Count / 40, $"{a.RowsQuarantined} quarantined"); // a blank level is "not rated" even in a wrong wave
        Assert.True(_setBased.Count("select count(distinct unit_id) from core.ratings") >= 400);
        Assert.Equal((b.RowsRead, b.RowsLoaded, b.RowsQuarantined, b.RowsSkipped), (a.RowsRead, a.RowsLoaded, a.RowsQuarantined, a.RowsSkipped));
        // The set-based landing keeps the first problems in memory (all of them are in ops.quarantine, compared below).
        Assert.Equal(b.ProblemCount, a.ProblemCount);
        Assert.Equal(b.Problems.Take(IngestResult.ProblemsKept).Select(p => p.Describe("many.csv")), a.Problems.Select(p => p.Describe("many.csv")));
        foreach (var table in new[] { "raw.long_ratings order by batch_id, source_row", "ops.quarantine order by batch_id, source_row, reason", "core.ratings order by rating_id", "ops.ingest_batches order by batch_id" })
        {
            var expected = _rowByRow.Rows("select * from " + table);
            var actual = _setBased.Rows("select * from " + table);
            Assert.Equal(expected.Count, actual.Count);
            Assert.True(expected.Zip(actual).All(x => x.First.SequenceEqual(x.Second)), $"{table} differs between the two paths");
        }
    }
}
