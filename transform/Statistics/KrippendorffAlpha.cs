namespace ResearchPipeline.Transform.Statistics;

/// <summary>
/// Krippendorff's alpha with the ordinal metric, from how many coders gave each value to each item (the pairable items:
/// at least two values each). Krippendorff, K. (2011), Computing Krippendorff's Alpha-Reliability, section C:
/// o_ck = Σ_u n_uc (n_uk − [c = k]) / (m_u − 1); δ²_ck = (Σ_{g = c..k} n_g − (n_c + n_k) / 2)²;
/// α = 1 − (n − 1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck. Null where the expected disagreement is 0 (no variation).
/// Each item's coincidences are computed once (<see cref="AlphaItems"/>); alpha on any resample of the items adds
/// their matrices, so a bootstrap costs a few additions per item and resample.
/// </summary>
public static class KrippendorffAlpha
{
    /// <param name="items">Each item's counts per value: values are small whole numbers (progress ranks 1…L).</param>
    public static double? Ordinal(IReadOnlyList<IReadOnlyDictionary<int, int>> items) => new AlphaItems(items).Alpha();

    /// <summary>Alpha from a k × k coincidence matrix (row-major) over the ordered values.</summary>
    public static double? FromCoincidences(ReadOnlySpan<double> o, int k)
    {
        Span<double> marginal = stackalloc double[k];
        for (var c = 0; c < k; c++)
        {
            for (var d = 0; d < k; d++)
            {
                marginal[c] += o[(c * k) + d];
            }
        }

        var n = 0.0;
        var present = 0;
        for (var c = 0; c < k; c++)
        {
            n += marginal[c];
            present += marginal[c] > 0 ? 1 : 0;
        }

        if (present < 2)
        {
            return null;
        }

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

                var delta = between - ((marginal[c] + marginal[d]) / 2);
                var delta2 = delta * delta;
                observed += o[(c * k) + d] * delta2;
                expected += marginal[c] * marginal[d] * delta2;
            }
        }

        return expected > 0 ? 1 - ((n - 1) * observed / expected) : null;
    }
}
