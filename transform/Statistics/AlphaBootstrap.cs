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
        var (fw, nw, un, wv, dim) = (Frames.Text(input, "framework_id"), Frames.Text(input, "network_id"), Frames.Text(input, "unit_id"), Frames.Text(input, "wave_id"), Frames.Text(input, "dimension_code"));
        var (values, nValues) = (Frames.Whole(input, "value"), Frames.Whole(input, "n_value"));
        for (var r = 0; r < fw.Length; r++)
        {
            var key = (fw[r], nw[r], un[r], wv[r]);
            if (!items.TryGetValue(key, out var byItem))
            {
                items[key] = byItem = new Dictionary<string, Dictionary<int, int>>(StringComparer.Ordinal);
            }

            var dimension = dim[r];
            if (!byItem.TryGetValue(dimension, out var counts))
            {
                byItem[dimension] = counts = [];
            }

            counts[(int)values[r]] = (int)nValues[r];
        }

        var (framework, network, unit, wave) = (new StringDataFrameColumn("framework_id"), new StringDataFrameColumn("network_id"), new StringDataFrameColumn("unit_id"), new StringDataFrameColumn("wave_id"));
        var bootstrap = new BootstrapColumns("alpha_ordinal", Resamples);
        var groups = items.OrderBy(k => k.Key.Framework, StringComparer.Ordinal).ThenBy(k => k.Key.Unit, StringComparer.Ordinal).ThenBy(k => k.Key.Wave, StringComparer.Ordinal).ToList();
        var results = Resampling.PerGroup(groups, group =>
        {
            var (key, byItem) = group;
            var alphaItems = new AlphaItems(byItem.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => (IReadOnlyDictionary<int, int>)i.Value).ToList());
            if (alphaItems.Count < 2 || alphaItems.Alpha() is not { } point)
            {
                return null; // undefined: rater_agreement says why
            }

            var seed = SeedOf(key.Framework, key.Unit, key.Wave);
            return new Bootstrapped(point, Resampling.PercentileInterval(alphaItems.Count, s => alphaItems.Alpha(s), seed, Resamples), seed);
        });
        for (var g = 0; g < groups.Count; g++)
        {
            if (results[g] is not { } result)
            {
                continue;
            }

            var key = groups[g].Key;
            framework.Append(key.Framework);
            network.Append(key.Network);
            unit.Append(key.Unit);
            wave.Append(key.Wave);
            bootstrap.Append(result);
        }

        return new DataFrame([framework, network, unit, wave, .. bootstrap.Columns]);
    }
}
