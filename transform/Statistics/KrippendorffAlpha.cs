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
    public static double? Ordinal(IReadOnlyList<IReadOnlyDictionary<int, int>> items)
    {
        var values = items.SelectMany(i => i.Keys).Distinct().Order().ToList();
        return new AlphaItems(items.SelectMany(i => values.Select(v => i.GetValueOrDefault(v))).ToArray(), values.Count).Alpha();
    }

    /// <summary>
    /// Alpha from a coincidence matrix over the k ordered values, given as its margins n_c followed by the cells above
    /// the diagonal, row by row (<see cref="AlphaItems"/> keeps them so). The matrix is symmetric and δ²_cc = 0, so
    /// Σ o_ck δ²_ck and Σ n_c n_k δ²_ck are twice their sums over c &lt; k; the factor cancels.
    /// </summary>
    public static double? FromMarginsAndPairs(ReadOnlySpan<double> compact, int k)
    {
        var margins = compact[..k];
        Span<double> below = stackalloc double[k + 1]; // below[g]: the margins of the values before g
        var present = 0;
        for (var c = 0; c < k; c++)
        {
            below[c + 1] = below[c] + margins[c];
            present += margins[c] > 0 ? 1 : 0;
        }

        if (present < 2)
        {
            return null;
        }

        double observed = 0, expected = 0;
        var cell = k;
        for (var c = 0; c < k; c++)
        {
            for (var d = c + 1; d < k; d++)
            {
                var delta = below[d + 1] - below[c] - ((margins[c] + margins[d]) / 2);
                var delta2 = delta * delta;
                observed += compact[cell++] * delta2;
                expected += margins[c] * margins[d] * delta2;
            }
        }

        var n = below[k];
        return expected > 0 ? 1 - ((n - 1) * observed / expected) : null;
    }
}
