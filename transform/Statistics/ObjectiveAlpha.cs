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
        var dimensionIds = Frames.Text(input, "dimension_code");
        var frameworkIds = Frames.Text(input, "framework_id");
        var networkIds = Frames.Text(input, "network_id");
        var unitIds = Frames.Text(input, "unit_id");
        var waveIds = Frames.Text(input, "wave_id");
        var nValues = Frames.Whole(input, "n_value");
        var values = Frames.Whole(input, "value");
        for (var r = 0; r < input.Rows.Count; r++)
        {
            var key = (frameworkIds[r], networkIds[r], dimensionIds[r], waveIds[r]);
            if (!groups.TryGetValue(key, out var byUnit))
            {
                groups[key] = byUnit = new Dictionary<string, Dictionary<int, int>>(StringComparer.Ordinal);
            }

            var unit = unitIds[r];
            if (!byUnit.TryGetValue(unit, out var counts))
            {
                byUnit[unit] = counts = [];
            }

            counts[(int)values[r]] = (int)nValues[r];
        }

        var (framework, network, dimension, wave) = (new StringDataFrameColumn("framework_id"), new StringDataFrameColumn("network_id"), new StringDataFrameColumn("dimension_code"), new StringDataFrameColumn("wave_id"));
        var units = new Int64DataFrameColumn("n_units");
        var bootstrap = new BootstrapColumns("alpha_ordinal", Resamples);
        var ordered = groups.OrderBy(g => g.Key.Framework, StringComparer.Ordinal).ThenBy(g => g.Key.Dimension, StringComparer.Ordinal).ThenBy(g => g.Key.Wave, StringComparer.Ordinal).ToList();
        var results = Resampling.PerGroup(ordered, group =>
        {
            var (key, byUnit) = group;
            var items = new AlphaItems(byUnit.OrderBy(u => u.Key, StringComparer.Ordinal).Select(u => (IReadOnlyDictionary<int, int>)u.Value).ToList());
            if (items.Count < 2 || items.Alpha() is not { } point)
            {
                return null;
            }

            var seed = Resampling.SeedOf("objective alpha", key.Framework, key.Dimension, key.Wave);
            return new Bootstrapped(point, Resampling.PercentileInterval(items.Count, s => items.Alpha(s), seed, Resamples), seed);
        });
        for (var g = 0; g < ordered.Count; g++)
        {
            if (results[g] is not { } result)
            {
                continue;
            }

            var key = ordered[g].Key;
            framework.Append(key.Framework);
            network.Append(key.Network);
            dimension.Append(key.Dimension);
            wave.Append(key.Wave);
            units.Append(ordered[g].Value.Count);
            bootstrap.Append(result);
        }

        return new DataFrame([framework, network, dimension, wave, units, .. bootstrap.Columns]);
    }
}
