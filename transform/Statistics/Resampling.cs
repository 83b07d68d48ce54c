using System.Security.Cryptography;
using System.Text;

namespace ResearchPipeline.Transform.Statistics;

/// <summary>What every bootstrap here shares: a seed from the ids of what is resampled, a PRNG, and percentiles.</summary>
public static class Resampling
{
    /// <summary>A seed from the statistic's name and the ids of what it describes: the first 62 bits of their SHA-256.</summary>
    public static long SeedOf(string statistic, params string[] ids) =>
        (long)(BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes($"{statistic}|{string.Join('|', ids)}")), 0) >> 2);

    /// <summary>Hyndman &amp; Fan type 7 (R's default, DuckDB's quantile_cont) of sorted values.</summary>
    public static double Quantile(List<double> sorted, double p)
    {
        var h = (sorted.Count - 1) * p;
        var lower = (int)Math.Floor(h);
        return lower + 1 >= sorted.Count ? sorted[^1] : sorted[lower] + ((h - lower) * (sorted[lower + 1] - sorted[lower]));
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

        values.Sort();
        return (Quantile(values, 0.025), Quantile(values, 0.975), values.Count);
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
