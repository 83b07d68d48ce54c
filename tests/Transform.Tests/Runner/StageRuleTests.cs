using ResearchPipeline.Ingest;
using ResearchPipeline.TestSupport;
using ResearchPipeline.Transform.Runner;

namespace ResearchPipeline.Transform.Tests.Runner;

public sealed class StageRuleTests : IDisposable
{
    private const string Header = TempWarehouse.LongFormatHeader;
    private readonly TempWarehouse _w = new();

    public void Dispose() => _w.Dispose();

    private void Build(params string[] lines)
    {
        IngestService.IngestFile(_w.Connection, _w.WriteFile("r.csv", string.Join("\n", [Header, .. lines]) + "\n"), TempWarehouse.Options);
        var runner = new ModelRunner(_w.Connection, TimeProvider.System);
        runner.Build();
        var outcomes = runner.Test();
        Assert.All(outcomes, o => Assert.True(o.Passed, $"{o.Test.Model} {o.Test.Name}: {o.FailingRows}"));
    }

    private static string R(string unit, string role, string rater, string dim, int level, string wave = "2019", bool consensus = false) =>
        $"ilead,ilead-dp-2018,{wave},{unit},{role},{rater},{dim},{level},,{(consensus ? "true" : "false")},";

    private object?[] Stage(string unit, string role, string dim, string wave = "2019") =>
        _w.Rows($"select stage, n_raters, prev_stage, stage_change, stage_rule from marts.stage_history where unit_id = '{unit}' and role_code = '{role}' and dimension_code = '{dim}' and wave_id = '{wave}'").Single();

    [Fact]
    public void StageHistory_NoConsensus_LowerMedianPerRoleAndOverall()
    {
        Build(
            R("uva-chesterfield", "IHE", "a", "1", 1), R("uva-chesterfield", "IHE", "b", "1", 2),
            R("uva-chesterfield", "IHE", "c", "1", 3), R("uva-chesterfield", "IHE", "d", "1", 4),
            R("uva-chesterfield", "LEA", "e", "1", 3), R("uva-chesterfield", "LEA", "f", "1", 4), R("uva-chesterfield", "LEA", "g", "1", 4),
            R("uva-chesterfield", "IHE", "a", "1", 1, wave: "2018"));
        Assert.Equal([2, 4, "lower_median"], new[] { Stage("uva-chesterfield", "IHE", "1")[0], Stage("uva-chesterfield", "IHE", "1")[1], Stage("uva-chesterfield", "IHE", "1")[4] });
        Assert.Equal(4, Stage("uva-chesterfield", "LEA", "1")[0]);
        // ALL: ranks 1,2,3,3,4,4,4 -> the 4th of 7 is 3.
        var all = Stage("uva-chesterfield", "ALL", "1");
        Assert.Equal([3, 7, 1, 2], all[..4]);
        Assert.Equal(false, _w.Rows("select has_consensus from marts.stage_history where unit_id = 'uva-chesterfield' and role_code = 'ALL' and dimension_code = '1' and wave_id = '2019'").Single()[0]);
    }

    [Fact]
    public void StageHistory_ConsensusPresent_ConsensusWins()
    {
        Build(
            R("gmu-fairfax", "IHE", "a", "2", 1), R("gmu-fairfax", "IHE", "b", "2", 1),
            R("gmu-fairfax", "JOINT", "", "2", 4, consensus: true));
        Assert.Equal([4, "consensus"], new[] { Stage("gmu-fairfax", "ALL", "2")[0], Stage("gmu-fairfax", "ALL", "2")[4] });
        Assert.Equal(1, Stage("gmu-fairfax", "IHE", "2")[0]);
    }

    [Fact]
    public void StageHistory_ConsensusInSeveralRoles_AllIsTheirLowerMedianWhateverTheRowOrder()
    {
        // Each role team enters its own consensus (as every TXNSI role does): ALL is the lower median of them, not the
        // last row's. Two units with the same ratings in opposite row order must get the same ALL stage.
        string[] rows =
        [
            R("gmu-fairfax", "IHE", "", "4", 4, consensus: true), R("gmu-fairfax", "LEA", "", "4", 2, consensus: true), R("gmu-fairfax", "JOINT", "", "4", 3, consensus: true),
            R("gmu-fairfax", "IHE", "", "5", 4, consensus: true), R("gmu-fairfax", "LEA", "", "5", 1, consensus: true),
            R("gmu-fairfax", "IHE", "x", "5", 4),
        ];
        Build([.. rows, .. rows.Reverse().Select(r => r.Replace("gmu-fairfax", "du-denver", StringComparison.Ordinal))]);
        foreach (var unit in new[] { "gmu-fairfax", "du-denver" })
        {
            Assert.Equal([3, 0, "consensus"], new[] { Stage(unit, "ALL", "4")[0], Stage(unit, "ALL", "4")[1], Stage(unit, "ALL", "4")[4] }); // 2, 3, 4 -> 3; no individual rater
            Assert.Equal([1, 1], new[] { Stage(unit, "ALL", "5")[0], Stage(unit, "ALL", "5")[1] }); // consensus 1 and 4 -> the lower, 1; one individual rater
            Assert.Equal(2, Stage(unit, "LEA", "4")[0]); // a role's own consensus
            Assert.Equal(true, _w.Rows($"select has_consensus from marts.stage_history where unit_id = '{unit}' and dimension_code = '5' and role_code = 'ALL'").Single()[0]);
        }
    }

    [Fact]
    public void NetworkBenchmarks_FourUnits_LinearInterpolation()
    {
        // ALL stages 1, 2, 3, 4 on objective 5: R type 7 gives p25 1.75, median 2.5, p75 3.25.
        Build(
            R("uva-chesterfield", "IHE", "a", "5", 1, "2021"), R("gmu-fairfax", "IHE", "b", "5", 2, "2021"),
            R("du-denver", "IHE", "c", "5", 3, "2021"), R("uic-chicago", "IHE", "d", "5", 4, "2021"));
        var b = _w.Rows("select n_units, p25, median, p75, n_stage_1, n_stage_2, n_stage_3, n_stage_4, n_stage_5 from marts.network_benchmarks where dimension_code = '5' and wave_id = '2021'").Single();
        Assert.Equal([4, 1.75, 2.5, 3.25, 1, 1, 1, 1, null], b);
    }

    [Fact]
    public void NetworkBenchmarks_TxnsiLevels_NumberedAsTheMapsNumberThem()
    {
        // TXNSI maps number Level 1 = Ideal, the highest progress rank: n_level_1 counts the teams at Ideal (n_stage_5),
        // never the teams at Entry. iLEAD numbers stages as progress ranks: the two agree.
        IngestService.IngestFile(_w.Connection, Path.Combine(Repository.Samples, "txnsi-ic-ratings.csv"), TempWarehouse.Options);
        Build(R("uva-chesterfield", "IHE", "a", "1", 1), R("gmu-fairfax", "IHE", "b", "1", 4));
        var rows = _w.Rows("""
            select b.framework_id, b.dimension_code, b.wave_id,
                   [coalesce(b.n_level_1, -1), coalesce(b.n_level_2, -1), coalesce(b.n_level_3, -1), coalesce(b.n_level_4, -1), coalesce(b.n_level_5, -1)],
                   [coalesce(b.n_stage_1, -1), coalesce(b.n_stage_2, -1), coalesce(b.n_stage_3, -1), coalesce(b.n_stage_4, -1), coalesce(b.n_stage_5, -1)],
                   b.median_level, b.median
            from marts.network_benchmarks b
            """);
        Assert.Contains(rows, r => (string)r[0]! == "txnsi-ic-2022");
        foreach (var r in rows)
        {
            static List<int?> Counts(object? list) => ((System.Collections.IList)list!).Cast<object>().Select(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture))
                .Select(v => v < 0 ? (int?)null : v).ToList(); // -1: null, the framework has fewer levels
            var (levels, stages) = (Counts(r[3]), Counts(r[4]));
            var txnsi = (string)r[0]! == "txnsi-ic-2022";
            Assert.Equal(txnsi ? stages.AsEnumerable().Reverse() : stages, levels);
            // Independently: the teams at each level in the stage table, counted here.
            var counted = _w.Rows($"select level_value, count(*) from marts.stage_history where role_code = 'ALL' and framework_id = '{r[0]}' and dimension_code = '{r[1]}' and wave_id = '{r[2]}' group by 1")
                .ToDictionary(x => Convert.ToInt32(x[0], System.Globalization.CultureInfo.InvariantCulture), x => Convert.ToInt32(x[1], System.Globalization.CultureInfo.InvariantCulture));
            Assert.All(Enumerable.Range(1, txnsi ? 5 : 4), k => Assert.Equal(counted.GetValueOrDefault(k), levels[k - 1]));
            Assert.Equal(txnsi ? 6 - Convert.ToDouble(r[6], System.Globalization.CultureInfo.InvariantCulture) : Convert.ToDouble(r[6], System.Globalization.CultureInfo.InvariantCulture), Convert.ToDouble(r[5], System.Globalization.CultureInfo.InvariantCulture), 9);
        }
    }

    [Fact]
    public void Order_ModelsComeAfterTheirDependencies()
    {
        var models = ModelCatalog.Load();
        var position = models.Select((m, i) => (m.Relation, i)).ToDictionary(x => x.Relation, x => x.i);
        Assert.All(models, m => Assert.All(m.DependsOn, d => Assert.True(position[d] < position[m.Relation], $"{d} before {m.Relation}")));
        Assert.Contains(models, m => m.Relation == "marts.stage_history" && m.Materialized == "incremental");
        Assert.Contains(models, m => m.Relation == "research.stage_history" && m.DependsOn.SequenceEqual(["marts.stage_history"]));
    }

    [Fact]
    public void Order_Cycle_NamedInError()
    {
        var a = new SqlModel("staging", "a", "", "view", null, ["staging.b"], []);
        var b = new SqlModel("staging", "b", "", "view", null, ["staging.a"], []);
        var ex = Assert.Throws<InvalidOperationException>(() => ModelCatalog.Order([a, b]));
        Assert.Contains("staging.a -> staging.b -> staging.a", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_ProgressRankNotTheFrameworks_FailsWithRowsStored()
    {
        Build(R("uva-chesterfield", "IHE", "a", "1", 2));
        // Break a rubric rule behind the runner's back: a progress rank that is not the framework's.
        using (var c = _w.Connection.CreateCommand())
        {
            c.CommandText = "update core.ratings set progress_rank = 3";
            c.ExecuteNonQuery();
        }

        var outcomes = new ModelRunner(_w.Connection, TimeProvider.System).Test();
        var failed = Assert.Single(outcomes, o => o.Status == "fail");
        Assert.Equal("progress_rank_consistent", failed.Test.Name);
        Assert.Equal(1, _w.Count("select count(*) from ops.test_failures where test_name = 'progress_rank_consistent'"));
    }
}
