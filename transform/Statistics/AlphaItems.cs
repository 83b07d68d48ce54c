namespace ResearchPipeline.Transform.Statistics;

/// <summary>
/// A set of items ready for Krippendorff's ordinal alpha: each item's coincidence matrix over the values any item has
/// (values no item of a resample has get a zero margin, which leaves alpha unchanged). Items with the same values from
/// the same number of coders have the same matrix: they are kept once, as a profile, so alpha on a resample counts the
/// profiles drawn and adds each profile's matrix times its count. With units as items (2,000 units, a few dozen
/// profiles) a resample costs little more than drawing it. Not thread-safe: one instance per group.
/// </summary>
public sealed class AlphaItems
{
    private readonly int[] _profileOf; // item → profile
    private readonly double[] _profiles; // profile after profile, each k × k, row-major
    private readonly int[] _drawn; // per profile, how often the current resample drew it
    private readonly double[] _sum;
    private readonly int _k;

    public AlphaItems(IReadOnlyList<IReadOnlyDictionary<int, int>> items)
    {
        var values = items.SelectMany(i => i.Keys).Distinct().Order().ToArray();
        var index = values.Select((v, i) => (v, i)).ToDictionary(x => x.v, x => x.i);
        _k = values.Length;
        _sum = new double[_k * _k];
        _profileOf = new int[items.Count];
        var profiles = new Dictionary<string, int>(StringComparer.Ordinal);
        var matrices = new List<double[]>();
        for (var u = 0; u < items.Count; u++)
        {
            var signature = string.Join(',', items[u].Where(v => v.Value > 0).OrderBy(v => v.Key).Select(v => $"{v.Key}:{v.Value}"));
            if (!profiles.TryGetValue(signature, out var profile))
            {
                profiles[signature] = profile = matrices.Count;
                matrices.Add(Coincidences(items[u], index));
            }

            _profileOf[u] = profile;
        }

        _profiles = matrices.SelectMany(m => m).ToArray();
        _drawn = new int[matrices.Count];
    }

    public int Count => _profileOf.Length;

    /// <summary>Alpha over all the items.</summary>
    public double? Alpha() => Alpha(Enumerable.Range(0, Count).ToArray());

    /// <summary>Alpha over the items at <paramref name="sample"/> (indices, repeats allowed).</summary>
    public double? Alpha(ReadOnlySpan<int> sample)
    {
        if (_k < 2)
        {
            return null;
        }

        Array.Clear(_drawn);
        foreach (var u in sample)
        {
            _drawn[_profileOf[u]]++;
        }

        Array.Clear(_sum);
        var size = _sum.Length;
        for (var p = 0; p < _drawn.Length; p++)
        {
            if (_drawn[p] == 0)
            {
                continue;
            }

            var o = _profiles.AsSpan(p * size, size);
            for (var j = 0; j < size; j++)
            {
                _sum[j] += _drawn[p] * o[j];
            }
        }

        return KrippendorffAlpha.FromCoincidences(_sum, _k);
    }

    /// <summary>o_ck = n_c (n_k − [c = k]) / (m − 1) for one item; zero for an item with fewer than two values.</summary>
    private double[] Coincidences(IReadOnlyDictionary<int, int> item, Dictionary<int, int> index)
    {
        var o = new double[_k * _k];
        var m = item.Values.Sum();
        if (m < 2)
        {
            return o; // not pairable: contributes nothing
        }

        foreach (var (c, nc) in item)
        {
            foreach (var (d, nd) in item)
            {
                o[(index[c] * _k) + index[d]] += nc * (nd - (c == d ? 1.0 : 0.0)) / (m - 1);
            }
        }

        return o;
    }
}
