using Microsoft.Data.Analysis;

namespace ResearchPipeline.Transform.Statistics;

/// <summary>
/// How far a partnership's university (IHE) and district (LEA) raters see it alike: Cohen's (1968) weighted kappa with
/// quadratic weights between the two roles' stages over the unit's objectives in a wave, with a 95% percentile-bootstrap
/// interval over the objectives (1,000 resamples, a seed per unit × wave from its ids). Undefined (no row) with fewer
/// than two objectives or where the expected disagreement is 0 (both roles at one stage throughout).
/// </summary>
public static class RoleKappa
{
    public const int Resamples = 1000;

    /// <summary>
    /// κw = 1 − Σ w_ij p_ij / Σ w_ij p_i. p_.j with w_ij = (i − j)² (the weights' scale cancels). With quadratic weights
    /// both sums are moments: n·Σ(x − y)² over n²·E(X − Y)² of independent margins, n·Σx² + n·Σy² − 2·Σx·Σy, so a
    /// resample needs four whole-number sums, exact, and one division.
    /// </summary>
    public static double? Quadratic((int Ihe, int Lea)[] pairs) => Quadratic(pairs, Enumerable.Range(0, pairs.Length).ToArray());

    /// <summary>κw over the pairs at <paramref name="sample"/> (indices, repeats allowed).</summary>
    public static double? Quadratic(ReadOnlySpan<(int Ihe, int Lea)> pairs, ReadOnlySpan<int> sample)
    {
        long n = sample.Length, sx = 0, sy = 0, sxx = 0, syy = 0, sdd = 0;
        foreach (var i in sample)
        {
            var (x, y) = pairs[i];
            sx += x;
            sy += y;
            sxx += x * x;
            syy += y * y;
            sdd += (x - y) * (x - y);
        }

        var expected = (n * sxx) + (n * syy) - (2 * sx * sy); // n² times the expected disagreement
        return n > 0 && expected > 0 ? 1 - ((double)(n * sdd) / expected) : null;
    }

    /// <param name="input">framework_id, network_id, unit_id, wave_id, dimension_code, ihe_stage, lea_stage.</param>
    public static DataFrame Compute(ModelInput input)
    {
        var (fw, nw, un, wv, dim) = (input.Text("framework_id"), input.Text("network_id"), input.Text("unit_id"), input.Text("wave_id"), input.Text("dimension_code"));
        var (iheStages, leaStages) = (input.Whole("ihe_stage"), input.Whole("lea_stage"));
        var groups = RowGroups.By([fw, un, wv, nw], item: dim);
        var results = Resampling.PerGroup(groups, g =>
        {
            var rows = groups[g];
            var pairs = new (int Ihe, int Lea)[rows.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                pairs[i] = ((int)iheStages[rows[i]], (int)leaStages[rows[i]]);
            }

            if (pairs.Length < 2 || Quadratic(pairs) is not { } point)
            {
                return null;
            }

            var row = groups.FirstRow(g);
            var seed = Resampling.SeedOf("role kappa", fw[row], un[row], wv[row]);
            return new Bootstrapped(point, Resampling.PercentileInterval(pairs.Length, s => Quadratic(pairs, s), seed, Resamples), seed);
        });

        var (framework, network, unit, wave) = (new StringDataFrameColumn("framework_id"), new StringDataFrameColumn("network_id"), new StringDataFrameColumn("unit_id"), new StringDataFrameColumn("wave_id"));
        var objectives = new Int64DataFrameColumn("n_objectives");
        var bootstrap = new BootstrapColumns("kappa_quadratic", Resamples);
        for (var g = 0; g < groups.Count; g++)
        {
            if (results[g] is not { } result)
            {
                continue;
            }

            var row = groups.FirstRow(g);
            framework.Append(fw[row]);
            network.Append(nw[row]);
            unit.Append(un[row]);
            wave.Append(wv[row]);
            objectives.Append(groups[g].Length);
            bootstrap.Append(result);
        }

        return new DataFrame([framework, network, unit, wave, objectives, .. bootstrap.Columns]);
    }
}
