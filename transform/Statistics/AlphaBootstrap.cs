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

    /// <summary>A unit × wave's seed, from its ids: every build resamples the same way.</summary>
    public static long SeedOf(string framework, string unit, string wave) => Resampling.SeedOf("alpha bootstrap", framework, unit, wave);

    /// <param name="input">Pairable item values: framework_id, network_id, unit_id, wave_id, dimension_code, value, n_value.</param>
    public static DataFrame Compute(ModelInput input)
    {
        var (fw, nw, un, wv, dim) = (input.Text("framework_id"), input.Text("network_id"), input.Text("unit_id"), input.Text("wave_id"), input.Text("dimension_code"));
        var (values, coders) = (input.Whole("value"), input.Whole("n_value"));
        var groups = RowGroups.By([fw, un, wv, nw], item: dim);
        var results = Resampling.PerGroup(groups, g =>
        {
            var items = AlphaItems.FromRows(groups[g], dim, values, coders);
            if (items.Count < 2 || items.Alpha() is not { } point)
            {
                return null; // undefined: rater_agreement says why
            }

            var row = groups.FirstRow(g);
            var seed = SeedOf(fw[row], un[row], wv[row]);
            return new Bootstrapped(point, Resampling.PercentileInterval(items.Count, s => items.Alpha(s), seed, Resamples), seed);
        });

        var (framework, network, unit, wave) = (new StringDataFrameColumn("framework_id"), new StringDataFrameColumn("network_id"), new StringDataFrameColumn("unit_id"), new StringDataFrameColumn("wave_id"));
        var bootstrap = new BootstrapColumns("alpha_ordinal", Resamples);
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
            bootstrap.Append(result);
        }

        return new DataFrame([framework, network, unit, wave, .. bootstrap.Columns]);
    }
}
