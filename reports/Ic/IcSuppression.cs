namespace ResearchPipeline.Reports.Ic;

/// <summary>
/// What the IC report may publish of one role × outcome row of the network's level counts, so that no team, knowing
/// its own level, can tell another team's. Teams are not named, so a team learns another's level only when the row
/// pins every other team to one level; the rules below keep every row from doing that:
/// 1. a row of fewer than min_cell_size teams shows no counts (only that it is too small);
/// 2. primary suppression: a count from 1 to min_cell_size − 1 is not shown;
/// 3. complementary suppression: a row with exactly one count withheld withholds a second (the smallest other
///    count, non-zero first), as statistical agencies do, so the total cannot give the first back;
/// 4. dominance: a row where one level holds all teams but at most one shows no counts, since every team there
///    could tell where all the others stand.
/// <see cref="Tests"/> of the reports project checks every possible row up to 10 teams against a viewer at each level.
/// </summary>
public static class IcSuppression
{
    /// <summary>The counts to publish (null: withheld), for true counts per level.</summary>
    public static int?[] Publish(IReadOnlyList<int> counts, int minCellSize)
    {
        var total = counts.Sum();
        var published = counts.Select(c => (int?)c).ToArray();
        if (total < minCellSize || counts.Max() >= total - 1)
        {
            return counts.Select(_ => (int?)null).ToArray();
        }

        for (var i = 0; i < published.Length; i++)
        {
            if (counts[i] > 0 && counts[i] < minCellSize)
            {
                published[i] = null;
            }
        }

        if (published.Count(p => p is null) == 1)
        {
            var second = Enumerable.Range(0, counts.Count).Where(i => published[i] is not null)
                .OrderBy(i => counts[i] == 0 ? 1 : 0).ThenBy(i => counts[i]).ThenBy(i => i).First();
            published[second] = null;
        }

        return published;
    }
}
