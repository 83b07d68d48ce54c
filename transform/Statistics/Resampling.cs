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

    /// <summary>A statistic on one resample, given as item indices (repeats allowed); null where it is undefined.</summary>
    public delegate double? Statistic(ReadOnlySpan<int> sample);

    /// <summary>How many draws are made at a time: a few kilobytes, so the block stays in the core's cache.</summary>
    private const int BlockDraws = 4096;

    /// <summary>
    /// The 2.5th and 97.5th percentiles of <paramref name="statistic"/> over <paramref name="count"/> resamples, with
    /// replacement, of <paramref name="items"/> items; resamples where it is undefined (null) are left out and not
    /// counted. The draws of many resamples are made in one block (the same draws, in the same order, as one by one).
    /// </summary>
    public static (double? Low, double? High, long Defined) PercentileInterval(int items, Statistic statistic, long seed, int count)
    {
        var random = new SplitMix64((ulong)seed);
        var values = new double[count];
        var defined = 0;
        var perBlock = Math.Max(1, BlockDraws / Math.Max(1, items));
        var draws = new int[Math.Min(count, perBlock) * items];
        for (var first = 0; first < count; first += perBlock)
        {
            var resamples = Math.Min(perBlock, count - first);
            var block = draws.AsSpan(0, resamples * items);
            random.Fill(block, items);
            for (var r = 0; r < resamples; r++)
            {
                if (statistic(block.Slice(r * items, items)) is { } v)
                {
                    values[defined++] = v;
                }
            }
        }

        if (defined == 0)
        {
            return (null, null, 0);
        }

        var drawn = values.AsSpan(0, defined);
        return (Quantile(drawn, 0.025), Quantile(drawn, 0.975), defined);
    }

    /// <summary>
    /// Runs <paramref name="compute"/> for every group on all cores and returns the results in the groups' order: each
    /// group's result depends only on the group (its own seed), so the table is the same however the work is shared.
    /// </summary>
    public static TResult[] PerGroup<TResult>(RowGroups groups, Func<int, TResult> compute)
    {
        var results = new TResult[groups.Count];
        Parallel.For(0, groups.Count, g => results[g] = compute(g));
        return results;
    }
}

/// <summary>A statistic with its percentile-bootstrap interval and the seed that drew the resamples.</summary>
public sealed record Bootstrapped(double Point, (double? Low, double? High, long Defined) Interval, long Seed);
