using System.Globalization;
using ResearchPipeline.Ingest;
using ResearchPipeline.TestSupport;
using ResearchPipeline.Transform.Runner;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Transform.Tests.Runner;

/// <summary>
/// marts.transition_probabilities against a computation here from the stage table and the waves: counts, row-normalised
/// probabilities, one-wave steps apart from steps across skipped waves, and Wilson intervals, whose formula is first
/// checked against Newcombe's (1998) published values.
/// </summary>
public sealed class TransitionProbabilityTests : IDisposable
{
    private readonly TempWarehouse _w = new();

    public void Dispose() => _w.Dispose();

    /// <summary>The 95% Wilson score interval, written from Wilson (1927) / Newcombe (1998), method 3.</summary>
    private static (double Low, double High) Wilson(int x, int n)
    {
        const double z = 1.959964;
        var p = (double)x / n;
        var centre = p + (z * z / (2 * n));
        var half = z * Math.Sqrt((p * (1 - p) / n) + (z * z / (4.0 * n * n)));
        var denominator = 1 + (z * z / n);
        return (Math.Max(0, (centre - half) / denominator), Math.Min(1, (centre + half) / denominator));
    }

    [Theory]
    [InlineData(81, 263, 0.2553, 0.3662)] // Newcombe (1998), Table I, example (i)
    [InlineData(15, 148, 0.0624, 0.1605)] // example (ii)
    [InlineData(0, 20, 0.0000, 0.1611)]   // example (iii)
    [InlineData(1, 29, 0.0061, 0.1718)]   // example (iv)
    public void Wilson_NewcombesWorkedExamples(int x, int n, double low, double high)
    {
        var (l, h) = Wilson(x, n);
        Assert.Equal(low, Math.Round(l, 4));
        Assert.Equal(high, Math.Round(h, 4));
    }

    [Fact]
    public void Mart_EveryCellAsComputedHere_OneWaveStepsApartFromSkippedWaves()
    {
        var lines = File.ReadAllLines(Path.Combine(Repository.Samples, "ilead-ratings.csv")).ToList();
        // Take uva-chesterfield's 2019 ratings out: its 2018 → 2020 steps span a skipped wave.
        var file = _w.WriteFile("r.csv", string.Join("\n", lines.Where(l => !l.StartsWith("ilead,ilead-dp-2018,2019,uva-chesterfield,", StringComparison.Ordinal))) + "\n");
        IngestService.IngestFile(_w.Connection, file, TempWarehouse.Options);
        var runner = new ModelRunner(_w.Connection, TimeProvider.System);
        runner.Build();
        Assert.All(runner.Test(), o => Assert.True(o.Passed, $"{o.Test.Model} {o.Test.Name}: {o.FailingRows}"));

        // Independent: each ALL stage with the unit's previous rated wave, from the stage table and the waves' order.
        var steps = _w.Rows("""
            select h.dimension_code, h.prev_stage, h.stage, h.wave_seq - w.wave_seq as gap
            from marts.stage_history h join core.waves w on w.network_id = h.network_id and w.wave_id = h.prev_wave_id
            where h.framework_id = 'ilead-dp-2018' and h.role_code = 'ALL' and h.prev_stage is not null
            """).Select(r => (Dim: (string)r[0]!, From: I(r[1]), To: I(r[2]), Step: I(r[3]) == 1 ? "one_wave" : "skipped_waves")).ToList();
        Assert.Contains(steps, s => s.Step == "skipped_waves");
        var mart = _w.Rows("select dimension_code, step, from_stage, to_stage, n, n_from, probability, ci_low, ci_high from marts.transition_probabilities where framework_id = 'ilead-dp-2018'");
        var checkedCells = 0;
        foreach (var dim in steps.Select(s => s.Dim).Distinct().Append("ALL"))
        {
            foreach (var group in steps.Where(s => dim == "ALL" || s.Dim == dim).GroupBy(s => (s.Step, s.From)))
            {
                for (var to = 1; to <= 4; to++)
                {
                    var x = group.Count(s => s.To == to);
                    var n = group.Count();
                    var row = mart.Single(r => (string)r[0]! == dim && (string)r[1]! == group.Key.Step && I(r[2]) == group.Key.From && I(r[3]) == to);
                    Assert.Equal((x, n), (I(row[4]), I(row[5])));
                    Assert.Equal(Math.Round((double)x / n, 6), D(row[6]), 9);
                    var (low, high) = Wilson(x, n);
                    Assert.Equal(Math.Round(low, 6), D(row[7]), 6);
                    Assert.Equal(Math.Round(high, 6), D(row[8]), 6);
                    checkedCells++;
                }
            }
        }

        Assert.Equal(mart.Count, checkedCells); // and no cell in the mart that is not computed here
    }

    [Fact]
    public void Mart_WilsonIntervalHoldsPastTheIntegerRange()
    {
        // 70,000 steps from one stage: 4·n² is past INT32 (the scale benchmark once stopped on this overflow).
        // The mart's query runs on its inputs made here: a stage history, the transitions counted from it by their own
        // model, and the waves they refer to.
        var models = new ModelRunner(_w.Connection, TimeProvider.System).Models;
        var model = models.Single(m => m.Relation == "marts.transition_probabilities");
        var transitions = models.Single(m => m.Relation == model.DependsOn.Single(d => d.EndsWith(".stage_transitions", StringComparison.Ordinal)));
        var history = transitions.DependsOn.Single(d => d.EndsWith(".stage_history", StringComparison.Ordinal));
        var waves = model.DependsOn.Single(d => d.EndsWith(".stg_core__waves", StringComparison.Ordinal));
        foreach (var schema in new[] { history, waves }.Select(r => r.Split('.')[0]).Distinct())
        {
            Db.Execute(_w.Connection, $"create schema if not exists {schema}");
        }

        Db.Execute(_w.Connection, $"create table {waves} as select 'ilead' as network_id, 'w' || i as wave_id, i as wave_seq from range(1, 3) t(i)");
        Db.Execute(_w.Connection, $"""
            create table {history} as
            select 'ilead-dp-2018' as framework_id, 'ilead' as network_id, 'u' || i as unit_id, 'ALL' as role_code,
                   '1.1' as dimension_code, 1 as prev_stage, 'w1' as prev_wave_id, 'w2' as wave_id, 2 as wave_seq,
                   case when i % 3 = 0 then 1 else 2 end as stage
            from range(70000) t(i)
            """);
        Db.Execute(_w.Connection, $"create table {transitions.Relation} as {transitions.Sql}");
        var rows = _w.Rows($"select to_stage, n, n_from, ci_low, ci_high from ({model.Sql}) where dimension_code = '1.1' and step = 'one_wave' order by to_stage");
        Assert.Equal(4, rows.Count);
        foreach (var r in rows)
        {
            var (low, high) = Wilson(I(r[1]), I(r[2]));
            Assert.Equal(70000, I(r[2]));
            Assert.Equal(Math.Round(low, 6), D(r[3]), 6);
            Assert.Equal(Math.Round(high, 6), D(r[4]), 6);
        }

        Assert.Equal(23334, I(rows[0][1]));
    }

    private static int I(object? v) => Convert.ToInt32(v, CultureInfo.InvariantCulture);

    private static double D(object? v) => Convert.ToDouble(v, CultureInfo.InvariantCulture);
}
