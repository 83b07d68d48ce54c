using Microsoft.Data.Analysis;

namespace ResearchPipeline.Transform.Statistics;

/// <summary>
/// Which objectives are rated reliably across the network: Krippendorff's alpha (ordinal) per framework × objective ×
/// wave with the units as items and each unit's raters as its values, and a 95% percentile-bootstrap interval over the
/// units (1,000 resamples, a seed from the ids). A low alpha says the objective's descriptors are read differently.
/// </summary>
public static class ObjectiveAlpha
{
    public const int Resamples = 1000;

    /// <param name="input">framework_id, network_id, dimension_code, wave_id, unit_id, value, n_value (pairable units only).</param>
    public static DataFrame Compute(DataFrame input)
    {
        var groups = new Dictionary<(string Framework, string Network, string Dimension, string Wave), Dictionary<string, Dictionary<int, int>>>();
        for (long r = 0; r < input.Rows.Count; r++)
        {
            var key = ((string)input["framework_id"][r], (string)input["network_id"][r], (string)input["dimension_code"][r], (string)input["wave_id"][r]);
            if (!groups.TryGetValue(key, out var byUnit))
            {
                groups[key] = byUnit = new Dictionary<string, Dictionary<int, int>>(StringComparer.Ordinal);
            }

            var unit = (string)input["unit_id"][r];
            if (!byUnit.TryGetValue(unit, out var counts))
            {
                byUnit[unit] = counts = [];
            }

            counts[(int)(long)input["value"][r]] = (int)(long)input["n_value"][r];
        }

        var (framework, network, dimension, wave) = (new StringDataFrameColumn("framework_id"), new StringDataFrameColumn("network_id"), new StringDataFrameColumn("dimension_code"), new StringDataFrameColumn("wave_id"));
        var (units, alpha, low, high) = (new Int64DataFrameColumn("n_units"), new DoubleDataFrameColumn("alpha_ordinal"), new DoubleDataFrameColumn("ci_low"), new DoubleDataFrameColumn("ci_high"));
        var (resamples, defined, seeds) = (new Int64DataFrameColumn("n_resamples"), new Int64DataFrameColumn("n_resamples_defined"), new Int64DataFrameColumn("seed"));
        foreach (var (key, byUnit) in groups.OrderBy(g => g.Key.Framework, StringComparer.Ordinal).ThenBy(g => g.Key.Dimension, StringComparer.Ordinal).ThenBy(g => g.Key.Wave, StringComparer.Ordinal))
        {
            var items = byUnit.OrderBy(u => u.Key, StringComparer.Ordinal).Select(u => (IReadOnlyDictionary<int, int>)u.Value).ToList();
            if (items.Count < 2 || KrippendorffAlpha.Ordinal(items) is not { } point)
            {
                continue;
            }

            var seed = Resampling.SeedOf("objective alpha", key.Framework, key.Dimension, key.Wave);
            var interval = Resampling.PercentileInterval(items, KrippendorffAlpha.Ordinal, seed, Resamples);
            framework.Append(key.Framework);
            network.Append(key.Network);
            dimension.Append(key.Dimension);
            wave.Append(key.Wave);
            units.Append(items.Count);
            alpha.Append(Math.Round(point, 6));
            low.Append(interval.Low is { } l ? Math.Round(l, 6) : null);
            high.Append(interval.High is { } h ? Math.Round(h, 6) : null);
            resamples.Append(Resamples);
            defined.Append(interval.Defined);
            seeds.Append(seed);
        }

        return new DataFrame(framework, network, dimension, wave, units, alpha, low, high, resamples, defined, seeds);
    }
}
