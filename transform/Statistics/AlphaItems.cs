using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ResearchPipeline.Transform.Statistics;

/// <summary>
/// A set of items ready for Krippendorff's ordinal alpha. Items with the same values from the same number of coders
/// have the same coincidences: they are kept once, as a profile, and alpha on a resample counts the profiles drawn and
/// adds each profile's coincidences times its count. Only what alpha needs of a coincidence matrix is kept: its margins
/// (n_c) and the cells above the diagonal (it is symmetric, and the ordinal metric is 0 on the diagonal), summed a
/// vector at a time (in registers where the matrix has at most five values). With units as items (1,000 units, a few
/// dozen profiles) a resample costs little more than drawing it. Not thread-safe: one instance per group.
/// </summary>
public sealed class AlphaItems
{
    private const int Lanes = 4; // doubles in a Vector256
    private const int InRegisters = 4 * Lanes; // a profile this wide (k ≤ 5) is summed in four vector registers
    private readonly int[] _profileOf; // item → profile
    private readonly double[] _profiles; // profile after profile, each _width long: k margins, then the k(k−1)/2 cells above the diagonal
    private readonly int[] _drawn; // per profile, how often the current resample drew it
    private readonly double[] _sum;
    private readonly int _k;
    private readonly int _width;

    /// <param name="counts">Item after item, how many coders gave each of the <paramref name="k"/> values (in value order) to it.</param>
    public AlphaItems(ReadOnlySpan<int> counts, int k)
    {
        _k = k;
        var items = k == 0 ? 0 : counts.Length / k;
        var used = k + (k * (k - 1) / 2);
        _width = Math.Max(Lanes, (used + Lanes - 1) / Lanes * Lanes);
        _sum = new double[_width];
        _profileOf = new int[items];
        var profiles = new Dictionary<string, int>(StringComparer.Ordinal);
        var bySignature = profiles.GetAlternateLookup<ReadOnlySpan<char>>();
        var compact = new List<double>();
        var signature = new char[2 * k];
        for (var u = 0; u < items; u++)
        {
            var item = counts.Slice(u * k, k);
            for (var c = 0; c < k; c++)
            {
                (signature[2 * c], signature[(2 * c) + 1]) = ((char)(item[c] >> 16), (char)item[c]); // items with the same counts have the same coincidences
            }

            if (!bySignature.TryGetValue(signature, out var profile))
            {
                bySignature[signature] = profile = profiles.Count;
                compact.AddRange(Compact(Coincidences(item)));
            }

            _profileOf[u] = profile;
        }

        _profiles = [.. compact];
        _drawn = new int[profiles.Count];
    }

    /// <summary>
    /// The items of one group of a frame's rows (ordered by item, so an item's rows are together), each row one value
    /// of one item with how many coders gave it.
    /// </summary>
    public static AlphaItems FromRows(ReadOnlySpan<int> rows, string[] item, long[] value, long[] coders)
    {
        var values = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            values[i] = (int)value[rows[i]];
        }

        Array.Sort(values);
        var k = values.Length == 0 ? 0 : 1;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] != values[k - 1])
            {
                values[k++] = values[i];
            }
        }

        var distinct = values.AsSpan(0, k);
        var itemOf = new int[rows.Length]; // each row's item: a new one where the item column changes
        for (var i = 1; i < rows.Length; i++)
        {
            itemOf[i] = itemOf[i - 1] + (string.Equals(item[rows[i]], item[rows[i - 1]], StringComparison.Ordinal) ? 0 : 1);
        }

        var counts = new int[(rows.Length == 0 ? 0 : itemOf[^1] + 1) * k];
        for (var i = 0; i < rows.Length; i++)
        {
            counts[(itemOf[i] * k) + distinct.BinarySearch((int)value[rows[i]])] = (int)coders[rows[i]];
        }

        return new AlphaItems(counts, k);
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

        if (_width <= InRegisters)
        {
            SumInRegisters(drawn);
        }
        else
        {
            SumInMemory(drawn);
        }

        return KrippendorffAlpha.FromMarginsAndPairs(_sum, _k);
    }

    /// <summary>The drawn profiles, each times how often it was drawn, summed in up to four vector registers.</summary>
    private void SumInRegisters(ReadOnlySpan<int> drawn)
    {
        var chunks = _width / Lanes;
        Vector256<double> s0 = default, s1 = default, s2 = default, s3 = default;
        ref var profiles = ref MemoryMarshal.GetArrayDataReference(_profiles);
        for (var p = 0; p < drawn.Length; p++)
        {
            // No test for a profile not drawn: adding 0 × its cells changes no sum, and the branch was mispredicted often.
            var times = Vector256.Create((double)drawn[p]);
            var at = (nuint)(p * _width);
            s0 += times * Vector256.LoadUnsafe(ref profiles, at);
            if (chunks > 1)
            {
                s1 += times * Vector256.LoadUnsafe(ref profiles, at + Lanes);
            }

            if (chunks > 2)
            {
                s2 += times * Vector256.LoadUnsafe(ref profiles, at + (2 * Lanes));
            }

            if (chunks > 3)
            {
                s3 += times * Vector256.LoadUnsafe(ref profiles, at + (3 * Lanes));
            }
        }

        Span<Vector256<double>> sums = [s0, s1, s2, s3];
        MemoryMarshal.Cast<Vector256<double>, double>(sums)[.._width].CopyTo(_sum);
    }

    /// <summary>The same sum, a vector at a time through memory, for wider matrices.</summary>
    private void SumInMemory(ReadOnlySpan<int> drawn)
    {
        var sum = _sum.AsSpan();
        sum.Clear();
        for (var p = 0; p < drawn.Length; p++)
        {
            if (drawn[p] == 0)
            {
                continue;
            }

            var times = Vector256.Create((double)drawn[p]);
            var profile = _profiles.AsSpan(p * _width, _width);
            for (var j = 0; j < _width; j += Lanes)
            {
                (Vector256.Create<double>(sum[j..]) + (times * Vector256.Create<double>(profile[j..]))).CopyTo(sum[j..]);
            }
        }
    }

    /// <summary>o_ck = n_c (n_k − [c = k]) / (m − 1) for one item; zero for an item with fewer than two values.</summary>
    private double[] Coincidences(ReadOnlySpan<int> item)
    {
        var o = new double[_k * _k];
        var m = 0;
        foreach (var n in item)
        {
            m += n;
        }

        if (m < 2)
        {
            return o; // not pairable: contributes nothing
        }

        for (var c = 0; c < _k; c++)
        {
            for (var d = 0; d < _k; d++)
            {
                if (item[c] > 0 && item[d] > 0)
                {
                    o[(c * _k) + d] = item[c] * (item[d] - (c == d ? 1.0 : 0.0)) / (m - 1);
                }
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
