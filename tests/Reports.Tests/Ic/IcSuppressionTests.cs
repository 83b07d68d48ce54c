using ResearchPipeline.Reports.Ic;

namespace ResearchPipeline.Reports.Tests.Ic;

/// <summary>
/// No published IC-report row, combined with a team's own level, tells that team another team's level: every possible
/// row of up to 10 teams over the five levels, seen by a team at each level it could hold, is checked against every
/// row the published counts leave possible.
/// </summary>
public sealed class IcSuppressionTests
{
    private const int Levels = 5;

    /// <summary>Every way to spread <paramref name="total"/> teams over the levels.</summary>
    private static IEnumerable<int[]> Rows(int total, int level = 0, int[]? prefix = null)
    {
        prefix ??= new int[Levels];
        if (level == Levels - 1)
        {
            prefix[level] = total;
            yield return (int[])prefix.Clone();
            yield break;
        }

        for (var n = 0; n <= total; n++)
        {
            prefix[level] = n;
            foreach (var row in Rows(total - n, level + 1, prefix))
            {
                yield return row;
            }
        }
    }

    /// <summary>
    /// The level every other team must be at, for a team at <paramref name="own"/> that sees <paramref name="published"/>
    /// and the row's total; null when the published counts leave it open.
    /// </summary>
    private static int? Revealed(int?[] published, int total, int own)
    {
        int? revealed = null;
        foreach (var possible in Rows(total))
        {
            if (possible[own] < 1 || Enumerable.Range(0, Levels).Any(i => published[i] is { } p && p != possible[i]))
            {
                continue;
            }

            var others = possible.Select((n, i) => i == own ? n - 1 : n).ToArray();
            var at = Enumerable.Range(0, Levels).Where(i => others[i] > 0).ToList();
            if (at.Count != 1 || (revealed is { } r && r != at[0]))
            {
                return null; // the others could be spread out, or all at another level: nothing is revealed
            }

            revealed = at[0];
        }

        return revealed;
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    public void Publish_EveryRowUpToTenTeams_NoTeamCanTellAnothersLevel(int minCellSize)
    {
        var checkedRows = 0;
        for (var total = 2; total <= 10; total++)
        {
            foreach (var row in Rows(total))
            {
                var published = IcSuppression.Publish(row, minCellSize);
                for (var own = 0; own < Levels; own++)
                {
                    if (row[own] > 0)
                    {
                        Assert.True(Revealed(published, total, own) is null,
                            $"row [{string.Join(",", row)}] published as [{string.Join(",", published.Select(p => p?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "·"))}]: a team at level {own + 1} can tell the others' level");
                    }
                }

                checkedRows++;
            }
        }

        Assert.Equal(Enumerable.Range(2, 9).Sum(n => (n + 1) * (n + 2) * (n + 3) * (n + 4) / 24), checkedRows);
    }

    [Fact]
    public void PublishingEveryCountOfALargeEnoughRow_TheAttackThatWorked()
    {
        // Five teams, four at level 1 and one (the viewer) at level 2: the old rule showed [4, 1, 0, 0, 0].
        Assert.Equal(0, Revealed([4, 1, 0, 0, 0], 5, own: 1));
        Assert.All(IcSuppression.Publish([4, 1, 0, 0, 0], 5), p => Assert.Null(p));
    }

    [Fact]
    public void Publish_SpreadOutRow_ShowsWhatIsSafe() =>
        Assert.Equal([4, null, 3, null, 0], IcSuppression.Publish([4, 1, 3, 2, 0], 3));
}
