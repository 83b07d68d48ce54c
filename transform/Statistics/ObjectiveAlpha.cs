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
    public static DataFrame Compute(ModelInput input)
    {
        var (fw, nw, dim, wv, un) = (input.Text("framework_id"), input.Text("network_id"), input.Text("dimension_code"), input.Text("wave_id"), input.Text("unit_id"));
        var (values, coders) = (input.Whole("value"), input.Whole("n_value"));
        var groups = RowGroups.By([fw, dim, wv, nw], item: un);
        var results = Resampling.PerGroup<(int Units, Bootstrapped Result)?>(groups, g =>
        {
            var items = AlphaItems.FromRows(groups[g], un, values, coders);
            if (items.Count < 2 || items.Alpha() is not { } point)
            {
                return null;
            }

            var row = groups.FirstRow(g);
            var seed = Resampling.SeedOf("objective alpha", fw[row], dim[row], wv[row]);
            return (Units: items.Count, Result: new Bootstrapped(point, Resampling.PercentileInterval(items.Count, s => items.Alpha(s), seed, Resamples), seed));
        });

        var (framework, network, dimension, wave) = (new StringDataFrameColumn("framework_id"), new StringDataFrameColumn("network_id"), new StringDataFrameColumn("dimension_code"), new StringDataFrameColumn("wave_id"));
        var units = new Int64DataFrameColumn("n_units");
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
            dimension.Append(dim[row]);
            wave.Append(wv[row]);
            units.Append(result.Units);
            bootstrap.Append(result.Result);
        }

        return new DataFrame([framework, network, dimension, wave, units, .. bootstrap.Columns]);
    }
}
