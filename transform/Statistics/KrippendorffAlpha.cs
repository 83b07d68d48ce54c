namespace ResearchPipeline.Transform.Statistics;

/// <summary>
/// Krippendorff's alpha with the ordinal metric, from how many coders gave each value to each item (the pairable items:
/// at least two values each). Krippendorff, K. (2011), Computing Krippendorff's Alpha-Reliability, section C:
/// o_ck = Σ_u n_uc (n_uk − [c = k]) / (m_u − 1); δ²_ck = (Σ_{g = c..k} n_g − (n_c + n_k) / 2)²;
/// α = 1 − (n − 1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck. Null where the expected disagreement is 0 (no variation).
/// </summary>
public static class KrippendorffAlpha
{
    /// <param name="items">Each item's counts per value: values are small whole numbers (progress ranks 1…L).</param>
    public static double? Ordinal(IReadOnlyList<IReadOnlyDictionary<int, int>> items)
    {
        var values = items.SelectMany(i => i.Keys).Distinct().Order().ToArray();
        if (values.Length < 2)
        {
            return null;
        }

        var index = values.Select((v, i) => (v, i)).ToDictionary(x => x.v, x => x.i);
        var k = values.Length;
        var o = new double[k, k];
        foreach (var item in items)
        {
            var m = item.Values.Sum();
            if (m < 2)
            {
                continue;
            }

            foreach (var (c, nc) in item)
            {
                foreach (var (d, nd) in item)
                {
                    o[index[c], index[d]] += nc * (nd - (c == d ? 1.0 : 0.0)) / (m - 1);
                }
            }
        }

        var marginal = new double[k];
        for (var c = 0; c < k; c++)
        {
            for (var d = 0; d < k; d++)
            {
                marginal[c] += o[c, d];
            }
        }

        var n = marginal.Sum();
        double observed = 0, expected = 0;
        for (var c = 0; c < k; c++)
        {
            for (var d = 0; d < k; d++)
            {
                var (low, high) = c <= d ? (c, d) : (d, c);
                var between = 0.0;
                for (var g = low; g <= high; g++)
                {
                    between += marginal[g];
                }

                var delta2 = Math.Pow(between - ((marginal[c] + marginal[d]) / 2), 2);
                observed += o[c, d] * delta2;
                expected += marginal[c] * marginal[d] * delta2;
            }
        }

        return expected > 0 ? 1 - ((n - 1) * observed / expected) : null;
    }
}
