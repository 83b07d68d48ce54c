using ResearchPipeline.Transform.Statistics;

namespace ResearchPipeline.Transform.Tests.Statistics;

/// <summary>
/// The draws a bootstrap makes, against SplitMix64 as Steele, Lea &amp; Flood (2014) define it, written out here one
/// draw at a time: the vector paths must give the same draws in the same order, or every interval would change.
/// </summary>
public sealed class SplitMix64Tests
{
    private static int[] Reference(ulong seed, int count, int n)
    {
        var draws = new int[count];
        for (var i = 0; i < count; i++)
        {
            seed += 0x9E3779B97F4A7C15UL;
            var z = seed;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            draws[i] = (int)(((z >> 32) * (ulong)n) >> 32);
        }

        return draws;
    }

    public static TheoryData<int> Bounds => [1, 2, 24, 1000, int.MaxValue];

    [Theory]
    [MemberData(nameof(Bounds))]
    public void EveryPath_AnyLength_TheReferenceDraws(int n)
    {
        foreach (var seed in new ulong[] { 0, 1, 0x7FFF_FFFF_FFFF_FFFF, ulong.MaxValue })
        {
            foreach (var length in Enumerable.Range(0, 70).Append(4096))
            {
                var expected = Reference(seed, length, n);
                foreach (var path in new Func<SplitMix64, int[], int>[] { Fill, Fill512Then, FillScalar })
                {
                    var draws = new int[length];
                    Assert.Equal(length, path(new SplitMix64(seed), draws));
                    Assert.Equal(expected, draws);
                }
            }
        }

        int Fill(SplitMix64 random, int[] draws)
        {
            random.Fill(draws, n);
            return draws.Length;
        }

        int FillScalar(SplitMix64 random, int[] draws)
        {
            random.FillScalar(draws, n);
            return draws.Length;
        }

        // A vector path fills what it can; the scalar path must carry on from the state it left.
        int Fill512Then(SplitMix64 random, int[] draws)
        {
            var done = random.Fill512(draws, n);
            random.FillScalar(draws.AsSpan(done), n);
            return draws.Length;
        }
    }

    [Fact]
    public void FillInBlocks_ThenBelow_OneUnbrokenStream()
    {
        var random = new SplitMix64(42);
        var drawn = new List<int>();
        foreach (var block in new[] { 3, 16, 17, 100, 0, 5 })
        {
            var draws = new int[block];
            random.Fill(draws, 24);
            drawn.AddRange(draws);
            drawn.Add(random.Below(24));
        }

        Assert.Equal(Reference(42, drawn.Count, 24), drawn);
        Assert.All(drawn, d => Assert.InRange(d, 0, 23));
    }
}
