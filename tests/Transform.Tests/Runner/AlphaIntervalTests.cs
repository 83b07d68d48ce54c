using System.Globalization;
using ResearchPipeline.Ingest;
using ResearchPipeline.TestSupport;
using ResearchPipeline.Transform.Runner;
using ResearchPipeline.Transform.Statistics;

namespace ResearchPipeline.Transform.Tests.Runner;

/// <summary>
/// The bootstrap intervals of alpha (marts.rater_agreement_intervals, computed in C#), checked against the SQL mart's
/// alpha on cases whose every possible resample is known, and against Krippendorff's (2011) worked example.
/// </summary>
public sealed class AlphaIntervalTests : IDisposable
{
    private const string Header = TempWarehouse.LongFormatHeader;
    private readonly TempWarehouse _w = new();

    public void Dispose() => _w.Dispose();

    private static string R(string unit, string rater, string dim, int level) => $"ilead,ilead-dp-2018,2019,{unit},IHE,{rater},{dim},{level},,false,";

    private void Build(params string[] lines)
    {
        IngestService.IngestFile(_w.Connection, _w.WriteFile("r.csv", string.Join("\n", [Header, .. lines]) + "\n"), TempWarehouse.Options);
        var runner = new ModelRunner(_w.Connection, TimeProvider.System);
        runner.Build();
        Assert.All(runner.Test(), o => Assert.True(o.Passed, $"{o.Test.Model} {o.Test.Name}: {o.FailingRows}"));
    }

    private double? Alpha(string unit) => _w.Rows($"select alpha_ordinal from marts.rater_agreement where unit_id = '{unit}'").Single()[0] is { } a ? Convert.ToDouble(a, CultureInfo.InvariantCulture) : null;

    [Fact]
    public void CSharpAlpha_Krippendorff2011WorkedExample_Is0815()
    {
        // Krippendorff (2011), section C: 4 observers × 12 units, values 1–5 with gaps; the items as value counts.
        int?[][] observers =
        [
            [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
            [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
        ];
        var items = Enumerable.Range(0, 12).Select(u => (IReadOnlyDictionary<int, int>)observers.Where(o => o[u] is not null).GroupBy(o => o[u]!.Value).ToDictionary(g => g.Key, g => g.Count()))
            .Where(i => i.Values.Sum() >= 2).ToList();
        Assert.Equal(0.815, Math.Round(KrippendorffAlpha.Ordinal(items)!.Value, 3));
    }

    [Fact]
    public void Interval_TwoItems_EndsAreTheAlphasOfTheResamplesThemselves()
    {
        // Unit uva: item 1 the raters disagree (1 vs 2), item 2 they agree (3, 3). A resample of two items is {1,1} (p 1/4),
        // {1,2} or {2,1} (p 1/2: alpha as the unit's own) or {2,2} (p 1/4: no variation, undefined, left out). So about
        // 750 of 1,000 resamples are defined, the lower end is alpha of two disagreeing items (unit gmu computes it in SQL)
        // and the upper end the unit's own alpha.
        Build(
            R("uva-chesterfield", "x", "1", 1), R("uva-chesterfield", "y", "1", 2), R("uva-chesterfield", "x", "2", 3), R("uva-chesterfield", "y", "2", 3),
            R("gmu-fairfax", "x", "1", 1), R("gmu-fairfax", "y", "1", 2), R("gmu-fairfax", "x", "2", 1), R("gmu-fairfax", "y", "2", 2));
        var row = _w.Rows("select alpha_ordinal, ci_low, ci_high, n_resamples, n_resamples_defined, seed from marts.rater_agreement_intervals where unit_id = 'uva-chesterfield'").Single();
        var (point, low, high) = (Convert.ToDouble(row[0], CultureInfo.InvariantCulture), Convert.ToDouble(row[1], CultureInfo.InvariantCulture), Convert.ToDouble(row[2], CultureInfo.InvariantCulture));
        Assert.Equal(Alpha("uva-chesterfield")!.Value, point, 6);
        Assert.Equal(Alpha("gmu-fairfax")!.Value, low, 6);
        Assert.Equal(point, high, 6);
        Assert.Equal(1000L, Convert.ToInt64(row[3], CultureInfo.InvariantCulture));
        Assert.InRange(Convert.ToInt64(row[4], CultureInfo.InvariantCulture), 700, 800);
        Assert.Equal(AlphaBootstrap.SeedOf("ilead-dp-2018", "uva-chesterfield", "2019"), Convert.ToInt64(row[5], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Interval_EveryItemAlike_CollapsesToThePoint_AndUndefinedAlphaHasNoInterval()
    {
        // uva: three items each rated 1 and 2: every resample is the unit itself. gmu: one rater only: no alpha, no interval.
        Build(
            R("uva-chesterfield", "x", "1", 1), R("uva-chesterfield", "y", "1", 2), R("uva-chesterfield", "x", "2", 1), R("uva-chesterfield", "y", "2", 2),
            R("uva-chesterfield", "x", "3", 1), R("uva-chesterfield", "y", "3", 2),
            R("gmu-fairfax", "x", "1", 1), R("gmu-fairfax", "x", "2", 3));
        var row = _w.Rows("select alpha_ordinal, ci_low, ci_high, n_resamples_defined from marts.rater_agreement_intervals where unit_id = 'uva-chesterfield'").Single();
        Assert.Equal(row[0], row[1]);
        Assert.Equal(row[0], row[2]);
        Assert.Equal(1000L, Convert.ToInt64(row[3], CultureInfo.InvariantCulture));
        Assert.Empty(_w.Rows("select * from marts.rater_agreement_intervals where unit_id = 'gmu-fairfax'"));
        Assert.Equal([null, null, "fewer than two coders"], _w.Rows("select alpha_ci_low, alpha_ci_high, alpha_undefined_reason from research.rater_agreement where unit_id = 'gmu-fairfax'").Single());
    }

    [Fact]
    public void Interval_SameData_SameIntervalOnEveryBuild()
    {
        var lines = File.ReadAllLines(Path.Combine(Repository.Samples, "ilead-ratings.csv")).Skip(2).Where(l => l.StartsWith("ilead,ilead-dp-2018,2019,", StringComparison.Ordinal)).ToArray();
        Build(lines);
        const string Sql = "select unit_id || ':' || ci_low || ':' || ci_high from marts.rater_agreement_intervals order by 1";
        var first = _w.Rows(Sql).Select(r => (string)r[0]!).ToList();
        Assert.True(first.Count >= 5);
        new ModelRunner(_w.Connection, TimeProvider.System).Build(full: true);
        Assert.Equal(first, _w.Rows(Sql).Select(r => (string)r[0]!));
        // And the typical width with 4–8 raters over 24 objectives: wide enough that a bare alpha would mislead.
        var widths = _w.Rows("select ci_high - ci_low from marts.rater_agreement_intervals").Select(r => Convert.ToDouble(r[0], CultureInfo.InvariantCulture)).ToList();
        Assert.InRange(widths.Average(), 0.1, 0.6);
    }
}
