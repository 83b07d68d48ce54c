using System.Security.Cryptography;
using System.Text;

namespace ResearchPipeline.Transform.Statistics;

/// <summary>What every bootstrap here shares: a seed from the ids of what is resampled, a PRNG, and percentiles.</summary>
public static class Resampling
{
    /// <summary>A seed from the statistic's name and the ids of what it describes: the first 62 bits of their SHA-256.</summary>
    public static long SeedOf(string statistic, params string[] ids) =>
        (long)(BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes($"{statistic}|{string.Join('|', ids)}")), 0) >> 2);

    /// <summary>
    /// Hyndman &amp; Fan type 7 (R's default, DuckDB's quantile_cont) of <paramref name="values"/>, in any order (they
    /// are reordered in place). The two order statistics it interpolates between are found by selection, not by a sort:
    /// a bootstrap takes two quantiles of each group's 1,000 resamples, and sorting them was a third of its time.
    /// </summary>
    public static double Quantile(Span<double> values, double p)
    {
        var h = (values.Length - 1) * p;
        var lower = (int)Math.Floor(h);
        var low = Select(values, lower);
        if (lower + 1 >= values.Length)
        {
            return low;
        }

        var high = values[lower + 1];
        foreach (var v in values[(lower + 2)..])
        {
            high = Math.Min(high, v); // after the selection everything past lower is at least low: the next order statistic is their least
        }

        return low + ((h - lower) * (high - low));
    }

    /// <summary>
    /// The k-th smallest value (from 0), moved to <c>values[k]</c> with nothing greater before it and nothing smaller
    /// after it (Hoare's selection with a median-of-three pivot, as in Wirth 1976, Algorithms + Data Structures = Programs, "Finding the Median").
    /// </summary>
    private static double Select(Span<double> values, int k)
    {
        int lo = 0, hi = values.Length - 1;
        while (lo < hi)
        {
            var (a, b, c) = (values[lo], values[lo + ((hi - lo) / 2)], values[hi]);
            var pivot = Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
            int i = lo, j = hi;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                hi = j;
            }
            else if (k >= i)
            {
                lo = i;
            }
            else
            {
                break; // values[j + 1 .. i − 1] all equal the pivot, and k is among them
            }
        }

        return values[k];
    }

    /// <summary>
    /// The 2.5th and 97.5th percentiles of <paramref name="statistic"/> over <paramref name="count"/> resamples, with
    /// replacement, of <paramref name="items"/> items (the statistic gets each resample as item indices); resamples
    /// where it is undefined (null) are left out and not counted.
    /// </summary>
    public static (double? Low, double? High, long Defined) PercentileInterval(int items, Func<int[], double?> statistic, long seed, int count)
    {
        var random = new SplitMix64((ulong)seed);
        var values = new List<double>(count);
        var sample = new int[items];
        for (var b = 0; b < count; b++)
        {
            for (var i = 0; i < sample.Length; i++)
            {
                sample[i] = random.Below(items);
            }

            if (statistic(sample) is { } v)
            {
                values.Add(v);
            }
        }

        if (values.Count == 0)
        {
            return (null, null, 0);
        }

        var drawn = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values);
        return (Quantile(drawn, 0.025), Quantile(drawn, 0.975), values.Count);
    }

    /// <summary>
    /// Runs <paramref name="compute"/> for every group on all cores and returns the results in the groups' order: each
    /// group's result depends only on the group (its own seed), so the table is the same however the work is shared.
    /// </summary>
    public static TResult[] PerGroup<TGroup, TResult>(IReadOnlyList<TGroup> groups, Func<TGroup, TResult> compute)
    {
        var results = new TResult[groups.Count];
        Parallel.For(0, groups.Count, i => results[i] = compute(groups[i]));
        return results;
    }

    /// <summary>SplitMix64 (Steele, Lea &amp; Flood 2014): small, fast, and the same on every platform and .NET version.</summary>
    private sealed class SplitMix64(ulong state)
    {
        private ulong _state = state;

        public int Below(int n)
        {
            _state += 0x9E3779B97F4A7C15UL;
            var z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(((z >> 32) * (ulong)n) >> 32); // Lemire's multiply-shift: n·u/2³² without a division
        }
    }
}

/// <summary>A statistic with its percentile-bootstrap interval and the seed that drew the resamples.</summary>
public sealed record Bootstrapped(double Point, (double? Low, double? High, long Defined) Interval, long Seed);
