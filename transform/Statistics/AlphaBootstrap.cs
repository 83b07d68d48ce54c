using Microsoft.Data.Analysis;

namespace ResearchPipeline.Transform.Statistics;

/// <summary>
/// A 95% interval for each unit × wave's ordinal alpha: the percentile bootstrap over items (the unit's objectives are
/// resampled with replacement, alpha recomputed on each resample; Efron &amp; Tibshirani 1993, ch. 13), as Zapf et al.
/// (2016) recommend for Krippendorff's alpha. Each unit × wave has its own seed (from its ids, so a rebuild gives the
/// same interval) and <see cref="Resamples"/> resamples; both are in the table. Resamples on which alpha is undefined
/// (no variation) are left out and counted. With 3–8 raters and 24 objectives the interval is typically 0.2–0.4 wide:
/// a bare alpha invites over-reading.
/// </summary>
public static class AlphaBootstrap
{
    public const int Resamples = 1000;

    /// <param name="input">Pairable item values: framework_id, network_id, unit_id, wave_id, dimension_code, value, n_value.</param>
    /// <summary>A unit × wave's seed, from its ids: every build resamples the same way.</summary>
    public static long SeedOf(string framework, string unit, string wave) => Resampling.SeedOf("alpha bootstrap", framework, unit, wave);

    public static DataFrame Compute(DataFrame input)
    {
        var items = new Dictionary<(string Framework, string Network, string Unit, string Wave), Dictionary<string, Dictionary<int, int>>>();
        for (long r = 0; r < input.Rows.Count; r++)
        {
            var key = ((string)input["framework_id"][r], (string)input["network_id"][r], (string)input["unit_id"][r], (string)input["wave_id"][r]);
            if (!items.TryGetValue(key, out var byItem))
            {
                items[key] = byItem = new Dictionary<string, Dictionary<int, int>>(StringComparer.Ordinal);
            }

            var dimension = (string)input["dimension_code"][r];
            if (!byItem.TryGetValue(dimension, out var counts))
            {
                byItem[dimension] = counts = [];
            }

            counts[(int)(long)input["value"][r]] = (int)(long)input["n_value"][r];
        }

        var (framework, network, unit, wave) = (new StringDataFrameColumn("framework_id"), new StringDataFrameColumn("network_id"), new StringDataFrameColumn("unit_id"), new StringDataFrameColumn("wave_id"));
        var (alpha, low, high) = (new DoubleDataFrameColumn("alpha_ordinal"), new DoubleDataFrameColumn("ci_low"), new DoubleDataFrameColumn("ci_high"));
        var (resamples, defined, seeds) = (new Int64DataFrameColumn("n_resamples"), new Int64DataFrameColumn("n_resamples_defined"), new Int64DataFrameColumn("seed"));
        foreach (var (key, byItem) in items.OrderBy(k => k.Key.Framework, StringComparer.Ordinal).ThenBy(k => k.Key.Unit, StringComparer.Ordinal).ThenBy(k => k.Key.Wave, StringComparer.Ordinal))
        {
            var list = byItem.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => (IReadOnlyDictionary<int, int>)i.Value).ToList();
            if (list.Count < 2 || KrippendorffAlpha.Ordinal(list) is not { } point)
            {
                continue; // undefined: rater_agreement says why
            }

            var seed = SeedOf(key.Framework, key.Unit, key.Wave);
            var interval = Resampling.PercentileInterval(list, KrippendorffAlpha.Ordinal, seed, Resamples);
            framework.Append(key.Framework);
            network.Append(key.Network);
            unit.Append(key.Unit);
            wave.Append(key.Wave);
            alpha.Append(Math.Round(point, 6));
            low.Append(interval.Low is { } l ? Math.Round(l, 6) : null);
            high.Append(interval.High is { } h ? Math.Round(h, 6) : null);
            resamples.Append(Resamples);
            defined.Append(interval.Defined);
            seeds.Append(seed);
        }

        return new DataFrame(framework, network, unit, wave, alpha, low, high, resamples, defined, seeds);
    }
}
