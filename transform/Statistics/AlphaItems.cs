using System.Numerics;

namespace ResearchPipeline.Transform.Statistics;

/// <summary>
/// A set of items ready for Krippendorff's ordinal alpha. Items with the same values from the same number of coders
/// have the same coincidences: they are kept once, as a profile, and alpha on a resample counts the profiles drawn and
/// adds each profile's coincidences times its count. Only what alpha needs of a coincidence matrix is kept: its margins
/// (n_c) and the cells above the diagonal (it is symmetric, and the ordinal metric is 0 on the diagonal), summed a
/// vector at a time. With units as items (1,000 units, a few dozen profiles) a resample costs little more than drawing
/// it. Not thread-safe: one instance per group.
/// </summary>
public sealed class AlphaItems
{
    private static readonly int Lanes = Vector<double>.Count;
    private readonly int[] _profileOf; // item → profile
    private readonly double[] _profiles; // profile after profile, each _width long: k margins, then the k(k−1)/2 cells above the diagonal
    private readonly int[] _drawn; // per profile, how often the current resample drew it
    private readonly double[] _sum;
    private readonly int _k;
    private readonly int _width;

    public AlphaItems(IReadOnlyList<IReadOnlyDictionary<int, int>> items)
    {
        var values = items.SelectMany(i => i.Keys).Distinct().Order().ToArray();
        var index = values.Select((v, i) => (v, i)).ToDictionary(x => x.v, x => x.i);
        _k = values.Length;
        var used = _k + (_k * (_k - 1) / 2);
        _width = Math.Max(Lanes, (used + Lanes - 1) / Lanes * Lanes);
        _sum = new double[_width];
        _profileOf = new int[items.Count];
        var profiles = new Dictionary<string, int>(StringComparer.Ordinal);
        var compact = new List<double[]>();
        for (var u = 0; u < items.Count; u++)
        {
            var signature = Signature(items[u]);
            if (!profiles.TryGetValue(signature, out var profile))
            {
                profiles[signature] = profile = compact.Count;
                compact.Add(Compact(Coincidences(items[u], index)));
            }

            _profileOf[u] = profile;
        }

        _profiles = compact.SelectMany(m => m).ToArray();
        _drawn = new int[compact.Count];
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

        var drawn = _drawn.AsSpan();
        var profileOf = _profileOf.AsSpan();
        drawn.Clear();
        foreach (var u in sample)
        {
            drawn[profileOf[u]]++;
        }

        var sum = _sum.AsSpan();
        sum.Clear();
        var profiles = _profiles.AsSpan();
        var width = _width;
        for (var p = 0; p < drawn.Length; p++)
        {
            if (drawn[p] == 0)
            {
                continue;
            }

            var times = new Vector<double>(drawn[p]);
            var profile = profiles.Slice(p * width, width);
            for (var j = 0; j < width; j += Lanes)
            {
                (new Vector<double>(sum[j..]) + (times * new Vector<double>(profile[j..]))).CopyTo(sum[j..]);
            }
        }

        return KrippendorffAlpha.FromMarginsAndPairs(sum, _k);
    }

    /// <summary>An item's values with their counts, in value order: items with the same signature have the same coincidences.</summary>
    private static string Signature(IReadOnlyDictionary<int, int> item)
    {
        Span<long> pairs = stackalloc long[item.Count];
        var n = 0;
        foreach (var (value, count) in item)
        {
            if (count > 0)
            {
                pairs[n++] = ((long)value << 32) | (uint)count;
            }
        }

        pairs = pairs[..n];
        pairs.Sort();
        return Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(pairs));
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

    /// <summary>A k × k coincidence matrix as alpha reads it: its row sums, then the cells above the diagonal, row by row.</summary>
    private double[] Compact(double[] o)
    {
        var compact = new double[_width];
        for (var c = 0; c < _k; c++)
        {
            for (var d = 0; d < _k; d++)
            {
                compact[c] += o[(c * _k) + d];
            }
        }

        var cell = _k;
        for (var c = 0; c < _k; c++)
        {
            for (var d = c + 1; d < _k; d++)
            {
                compact[cell++] = o[(c * _k) + d];
            }
        }

        return compact;
    }
}
