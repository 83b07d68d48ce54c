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

    /// <summary>κw = 1 − Σ w_ij p_ij / Σ w_ij p_i. p_.j, w_ij = (i − j)²: the weights' scale cancels.</summary>
    public static double? Quadratic(IReadOnlyList<(int Ihe, int Lea)> pairs)
    {
        if (pairs.Count == 0)
        {
            return null;
        }

        var n = (double)pairs.Count;
        var observed = pairs.Sum(p => Math.Pow(p.Ihe - p.Lea, 2)) / n;
        var rows = pairs.GroupBy(p => p.Ihe).ToDictionary(g => g.Key, g => g.Count() / n);
        var columns = pairs.GroupBy(p => p.Lea).ToDictionary(g => g.Key, g => g.Count() / n);
        var expected = rows.Sum(r => columns.Sum(c => r.Value * c.Value * Math.Pow(r.Key - c.Key, 2)));
        return expected > 0 ? 1 - (observed / expected) : null;
    }

    /// <param name="input">framework_id, network_id, unit_id, wave_id, dimension_code, ihe_stage, lea_stage.</param>
    public static DataFrame Compute(DataFrame input)
    {
        var units = new Dictionary<(string Framework, string Network, string Unit, string Wave), List<(string Dimension, int Ihe, int Lea)>>();
        for (long r = 0; r < input.Rows.Count; r++)
        {
            var key = ((string)input["framework_id"][r], (string)input["network_id"][r], (string)input["unit_id"][r], (string)input["wave_id"][r]);
            if (!units.TryGetValue(key, out var list))
            {
                units[key] = list = [];
            }

            list.Add(((string)input["dimension_code"][r], (int)(long)input["ihe_stage"][r], (int)(long)input["lea_stage"][r]));
        }

        var (framework, network, unit, wave) = (new StringDataFrameColumn("framework_id"), new StringDataFrameColumn("network_id"), new StringDataFrameColumn("unit_id"), new StringDataFrameColumn("wave_id"));
        var (objectives, kappa, low, high) = (new Int64DataFrameColumn("n_objectives"), new DoubleDataFrameColumn("kappa_quadratic"), new DoubleDataFrameColumn("ci_low"), new DoubleDataFrameColumn("ci_high"));
        var (resamples, defined, seeds) = (new Int64DataFrameColumn("n_resamples"), new Int64DataFrameColumn("n_resamples_defined"), new Int64DataFrameColumn("seed"));
        foreach (var (key, list) in units.OrderBy(k => k.Key.Framework, StringComparer.Ordinal).ThenBy(k => k.Key.Unit, StringComparer.Ordinal).ThenBy(k => k.Key.Wave, StringComparer.Ordinal))
        {
            var pairs = list.OrderBy(p => p.Dimension, StringComparer.Ordinal).Select(p => (p.Ihe, p.Lea)).ToList();
            if (pairs.Count < 2 || Quadratic(pairs) is not { } point)
            {
                continue;
            }

            var seed = Resampling.SeedOf("role kappa", key.Framework, key.Unit, key.Wave);
            var interval = Resampling.PercentileInterval(pairs, Quadratic, seed, Resamples);
            framework.Append(key.Framework);
            network.Append(key.Network);
            unit.Append(key.Unit);
            wave.Append(key.Wave);
            objectives.Append(pairs.Count);
            kappa.Append(Math.Round(point, 6));
            low.Append(interval.Low is { } l ? Math.Round(l, 6) : null);
            high.Append(interval.High is { } h ? Math.Round(h, 6) : null);
            resamples.Append(Resamples);
            defined.Append(interval.Defined);
            seeds.Append(seed);
        }

        return new DataFrame(framework, network, unit, wave, objectives, kappa, low, high, resamples, defined, seeds);
    }
}
