using ResearchPipeline.Transform.Statistics;

namespace ResearchPipeline.Transform.Tests.Statistics;

/// <summary>
/// Alpha as AlphaItems computes it (profiles, compact matrices, sums in registers up to five values and through memory
/// beyond) against Krippendorff's (2011) formulas written out plainly here, on all items and on resamples of them.
/// </summary>
public sealed class AlphaItemsTests
{
    /// <summary>Section C of Krippendorff (2011), term by term, over items given as value → coders.</summary>
    private static double? Plain(IReadOnlyList<Dictionary<int, int>> items)
    {
        var values = items.SelectMany(i => i.Keys).Distinct().Order().ToArray();
        var o = new Dictionary<(int, int), double>();
        foreach (var item in items.Where(i => i.Values.Sum() >= 2))
        {
            var m = item.Values.Sum();
            foreach (var (c, nc) in item)
            {
                foreach (var (k, nk) in item)
                {
                    o[(c, k)] = o.GetValueOrDefault((c, k)) + (nc * (nk - (c == k ? 1.0 : 0.0)) / (m - 1));
                }
            }
        }

        var n_c = values.ToDictionary(c => c, c => values.Sum(k => o.GetValueOrDefault((c, k))));
        var n = n_c.Values.Sum();
        double Delta2(int c, int k)
        {
            var (lo, hi) = (Math.Min(c, k), Math.Max(c, k));
            var between = values.Where(g => g >= lo && g <= hi).Sum(g => n_c[g]);
            return Math.Pow(between - ((n_c[c] + n_c[k]) / 2), 2);
        }

        var observed = values.Sum(c => values.Sum(k => o.GetValueOrDefault((c, k)) * Delta2(c, k)));
        var expected = values.Sum(c => values.Sum(k => n_c[c] * n_c[k] * Delta2(c, k)));
        return n_c.Count(v => v.Value > 0) < 2 || expected == 0 ? null : 1 - ((n - 1) * observed / expected);
    }

    [Theory]
    [InlineData(2, 24)]
    [InlineData(4, 24)]
    [InlineData(5, 40)]
    [InlineData(6, 30)]
    [InlineData(9, 50)]
    public void Alpha_AllItemsAndResamples_EqualsTheFormulas(int values, int itemCount)
    {
        var random = new Random((values * 100) + itemCount);
        for (var trial = 0; trial < 20; trial++)
        {
            // A few items repeat exactly (they share a profile); some have one coder (not pairable).
            var items = Enumerable.Range(0, itemCount).Select(_ => Enumerable.Range(0, random.Next(1, 7)).Select(_ => random.Next(1, values + 1))
                .GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count())).ToList();
            items[^1] = new Dictionary<int, int>(items[0]);
            var distinct = items.SelectMany(i => i.Keys).Distinct().Order().ToList();
            var alpha = new AlphaItems(items.SelectMany(i => distinct.Select(v => i.GetValueOrDefault(v))).ToArray(), distinct.Count);

            AssertClose(Plain(items), alpha.Alpha());
            for (var resample = 0; resample < 10; resample++)
            {
                var sample = Enumerable.Range(0, itemCount).Select(_ => random.Next(itemCount)).ToArray();
                AssertClose(Plain(sample.Select(u => items[u]).ToList()), alpha.Alpha(sample));
            }
        }

        static void AssertClose(double? expected, double? actual)
        {
            Assert.Equal(expected is null, actual is null);
            if (expected is { } e)
            {
                Assert.Equal(e, actual!.Value, 1e-9);
            }
        }
    }
}
