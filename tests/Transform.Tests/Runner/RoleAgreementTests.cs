using System.Globalization;
using ResearchPipeline.Ingest;
using ResearchPipeline.TestSupport;
using ResearchPipeline.Transform.Runner;

namespace ResearchPipeline.Transform.Tests.Runner;

/// <summary>
/// The role-divergence lens: role_gaps, role_divergence, and role_agreement's quadratic weighted kappa, checked against
/// Cohen's (1968) definition on the contingency table, κw = 1 − Σ w_ij p_ij / Σ w_ij p_i. p_.j with w_ij = (i − j)²,
/// written out here cell by cell (the C# computation uses sums of moments instead).
/// </summary>
public sealed class RoleAgreementTests : IDisposable
{
    private readonly TempWarehouse _w = new();

    public void Dispose() => _w.Dispose();

    private void Build(string file)
    {
        IngestService.IngestFile(_w.Connection, file, TempWarehouse.Options);
        var runner = new ModelRunner(_w.Connection, TimeProvider.System);
        runner.Build();
        Assert.All(runner.Test(), o => Assert.True(o.Passed, $"{o.Test.Model} {o.Test.Name}: {o.FailingRows}"));
    }

    private static double D(object? v) => Convert.ToDouble(v, CultureInfo.InvariantCulture);

    /// <summary>Cohen (1968): the table of joint proportions p_ij, its margins, and the weights (i − j)², cell by cell.</summary>
    private static double CohensKappa(List<(double X, double Y)> pairs)
    {
        var stages = pairs.SelectMany(p => new[] { p.X, p.Y }).Distinct().Order().ToList();
        double observed = 0, expected = 0;
        foreach (var i in stages)
        {
            foreach (var j in stages)
            {
                var w = (i - j) * (i - j);
                var pij = pairs.Count(p => p.X == i && p.Y == j) / (double)pairs.Count;
                var (pi, pj) = (pairs.Count(p => p.X == i) / (double)pairs.Count, pairs.Count(p => p.Y == j) / (double)pairs.Count);
                observed += w * pij;
                expected += w * pi * pj;
            }
        }

        return 1 - (observed / expected);
    }

    [Fact]
    public void Kappa_EveryUnitAndWaveOfTheSample_EqualsCohensDefinition()
    {
        Build(Path.Combine(Repository.Samples, "ilead-ratings.csv"));
        var gaps = _w.Rows("select unit_id, wave_id, ihe_stage, lea_stage from marts.role_gaps where framework_id = 'ilead-dp-2018'")
            .GroupBy(r => ((string)r[0]!, (string)r[1]!)).ToDictionary(g => g.Key, g => g.Select(r => (X: D(r[2]), Y: D(r[3]))).ToList());
        var kappas = _w.Rows("select unit_id, wave_id, kappa_quadratic, ci_low, ci_high, n_objectives from marts.role_agreement where framework_id = 'ilead-dp-2018'");
        Assert.NotEmpty(kappas);
        foreach (var k in kappas)
        {
            var pairs = gaps[((string)k[0]!, (string)k[1]!)];
            Assert.Equal(Math.Round(CohensKappa(pairs), 6), D(k[2]), 6);
            Assert.Equal(pairs.Count, Convert.ToInt32(k[5], CultureInfo.InvariantCulture));
            Assert.InRange(D(k[2]), D(k[3]) - 1e-9, D(k[4]) + 1e-9); // the interval holds the estimate here
        }

        // role_divergence recounted from role_gaps.
        foreach (var d in _w.Rows("select dimension_code, wave_id, n_units, mean_gap, mean_abs_gap, n_ihe_higher from marts.role_divergence where framework_id = 'ilead-dp-2018'"))
        {
            var gapsHere = _w.Rows($"select gap from marts.role_gaps where framework_id = 'ilead-dp-2018' and dimension_code = '{d[0]}' and wave_id = '{d[1]}'").Select(r => D(r[0])).ToList();
            Assert.Equal(gapsHere.Count, Convert.ToInt32(d[2], CultureInfo.InvariantCulture));
            Assert.Equal(Math.Round(gapsHere.Average(), 6), D(d[3]), 6);
            Assert.Equal(Math.Round(gapsHere.Average(Math.Abs), 6), D(d[4]), 6);
            Assert.Equal(gapsHere.Count(g => g > 0), Convert.ToInt32(d[5], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Kappa_SameStages_IsOne_OneStageThroughout_Undefined_OneObjective_Undefined()
    {
        static string R(string unit, string role, string rater, int dim, int level) => $"ilead,ilead-dp-2018,2019,{unit},{role},{rater},{dim},{level},,false,";
        var lines = new List<string> { TempWarehouse.LongFormatHeader };
        for (var d = 1; d <= 6; d++)
        {
            lines.Add(R("uva-chesterfield", "IHE", "a", d, 1 + (d % 4))); // same stages from both roles: kappa 1
            lines.Add(R("uva-chesterfield", "LEA", "b", d, 1 + (d % 4)));
            lines.Add(R("gmu-fairfax", "IHE", "c", d, 2)); // both at stage 2 throughout: no expected disagreement
            lines.Add(R("gmu-fairfax", "LEA", "e", d, 2));
        }

        lines.Add(R("du-denver", "IHE", "f", 1, 1)); // one objective: nothing to resample
        lines.Add(R("du-denver", "LEA", "g", 1, 3));
        Build(_w.WriteFile("roles.csv", string.Join("\n", lines) + "\n"));
        var rows = _w.Rows("select unit_id, kappa_quadratic, ci_low, ci_high from marts.role_agreement").ToDictionary(r => (string)r[0]!);
        Assert.Equal([1.0, 1.0, 1.0], rows["uva-chesterfield"][1..].Select(D));
        Assert.False(rows.ContainsKey("gmu-fairfax"));
        Assert.False(rows.ContainsKey("du-denver"));
        Assert.Equal(-2.0, D(_w.Rows("select gap from marts.role_gaps where unit_id = 'du-denver'").Single()[0]));
    }
}
