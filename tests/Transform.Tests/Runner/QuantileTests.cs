using ResearchPipeline.Transform.Statistics;

namespace ResearchPipeline.Transform.Tests.Runner;

/// <summary>The bootstrap's quantiles, found by selection, against the definition: type 7 read off the sorted values.</summary>
public sealed class QuantileTests
{
    private static double SortedType7(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var h = (sorted.Count - 1) * p;
        var lower = (int)Math.Floor(h);
        return lower + 1 >= sorted.Count ? sorted[^1] : sorted[lower] + ((h - lower) * (sorted[lower + 1] - sorted[lower]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(40)]
    [InlineData(1000)]
    public void Quantile_RandomValuesWithManyTies_EqualsTheSortedDefinition(int count)
    {
        var random = new Random(count);
        foreach (var distinct in new[] { 1, 3, 50, int.MaxValue })
        {
            for (var trial = 0; trial < 50; trial++)
            {
                var values = Enumerable.Range(0, count).Select(_ => distinct == int.MaxValue ? random.NextDouble() - 0.5 : random.Next(distinct) / 7.0).ToList();
                foreach (var p in new[] { 0.0, 0.025, 0.5, 0.975, 1.0 })
                {
                    var shuffled = values.ToArray();
                    Assert.Equal(SortedType7(values, p), Resampling.Quantile(shuffled, p));
                    Assert.Equal(values.Order(), shuffled.Order()); // reordered, nothing lost
                }
            }
        }
    }
}
