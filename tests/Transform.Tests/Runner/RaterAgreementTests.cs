using ResearchPipeline.Ingest;
using ResearchPipeline.TestSupport;
using ResearchPipeline.Transform.Runner;

namespace ResearchPipeline.Transform.Tests.Runner;

public sealed class RaterAgreementTests : IDisposable
{
    private const string Header = TempWarehouse.LongFormatHeader;
    private const string Unit = "txnsi-r10-campus-a1";
    private static readonly string[] Outcomes = ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "4.1", "4.2", "4.3"];
    private readonly TempWarehouse _w = new();

    public void Dispose() => _w.Dispose();

    /// <summary>
    /// Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for Communication,
    /// University of Pennsylvania, section C ("nominal, ordinal, interval … data with missing values"): 4 observers,
    /// 12 units, values 1–5, with gaps. Published results: nominal 0.743, ordinal 0.815, interval 0.849.
    /// Here the units are 12 TXNSI outcomes of one team and the observers are 4 raters; n = 40 pairable values.
    /// </summary>
    private static readonly int?[][] KrippendorffExample =
    [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
        [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
    ];

    private object?[] Agreement(params int?[][] observers)
    {
        var lines = new List<string> { Header };
        for (var o = 0; o < observers.Length; o++)
        {
            for (var u = 0; u < observers[o].Length; u++)
            {
                if (observers[o][u] is { } value)
                {
                    lines.Add($"txnsi,txnsi-ic-2022,2022-fall,{Unit},IMPROVEMENT_TEAM,observer{o}@example.org,{Outcomes[u]},{value},,false,");
                }
            }
        }

        IngestService.IngestFile(_w.Connection, _w.WriteFile("k.csv", string.Join("\n", lines) + "\n"), TempWarehouse.Options);
        var runner = new ModelRunner(_w.Connection, TimeProvider.System);
        runner.Build();
        Assert.All(runner.Test(), o => Assert.True(o.Passed, $"{o.Test.Model} {o.Test.Name}: {o.FailingRows}"));
        return _w.Rows($"select n_raters, n_items, n_values, alpha_ordinal from marts.rater_agreement where unit_id = '{Unit}'").Single();
    }

    [Fact]
    public void Coders_OnePersonInTwoRoles_IsOneCoderNotAPerfectPairWithThemself()
    {
        // The same person rates twelve outcomes as improvement team and as district leader, the same each time. As two
        // coders they "agree" perfectly (alpha 1.0); as the one person they are, nothing is pairable: alpha undefined.
        var lines = new List<string> { Header };
        foreach (var role in new[] { "IMPROVEMENT_TEAM", "DISTRICT_LEADER" })
        {
            lines.AddRange(Outcomes.Select((o, i) => $"txnsi,txnsi-ic-2022,2022-fall,{Unit},{role},same.person@example.org,{o},{1 + (i % 5)},,false,"));
        }

        IngestService.IngestFile(_w.Connection, _w.WriteFile("twice.csv", string.Join("\n", lines) + "\n"), TempWarehouse.Options);
        new ModelRunner(_w.Connection, TimeProvider.System).Build();
        var row = _w.Rows($"select n_raters, n_items, n_values, alpha_ordinal from marts.rater_agreement where unit_id = '{Unit}'").Single();
        Assert.Equal([1, 0, 0, null], row);
        Assert.Equal(1, Convert.ToInt32(_w.Rows($"select n_raters from marts.stage_history where unit_id = '{Unit}' and role_code = 'ALL' and dimension_code = '1.1'").Single()[0], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void AlphaOrdinal_Krippendorff2011WorkedExample_Is0815()
    {
        var row = Agreement(KrippendorffExample);
        Assert.Equal(4, row[0]);
        Assert.Equal(11, row[1]); // unit 12 has one value only: not pairable
        Assert.Equal(40, row[2]);
        Assert.Equal(0.815, Math.Round((double)row[3]!, 3));
    }

    [Fact]
    public void AlphaOrdinal_LevelsNumberedDescending_SameAsAscending()
    {
        // TXNSI numbers Level 1 = Ideal; the ordinal metric works on progress ranks, and reversing an order keeps alpha.
        var reversed = KrippendorffExample.Select(o => o.Select(v => v is { } x ? 6 - x : (int?)null).ToArray()).ToArray();
        Assert.Equal(0.815, Math.Round((double)Agreement(reversed)[3]!, 3));
    }

    [Fact]
    public void AlphaOrdinal_PerfectAgreement_IsOne()
    {
        Assert.Equal(1.0, (double)Agreement([1, 2, 3, 4, 5], [1, 2, 3, 4, 5], [1, 2, 3, 4, null])[3]!);
    }

    [Fact]
    public void AlphaOrdinal_NoVariationAtAll_IsNullWithItsReason()
    {
        var row = Agreement([3, 3, 3], [3, 3, 3]);
        Assert.Equal(3, row[1]);
        Assert.Null(row[3]);
        Assert.Equal("no variation: every pairable value is the same", Reason());
    }

    [Fact]
    public void AlphaOrdinal_OneRatedItem_IsUndefinedNotZero()
    {
        // Two raters who disagree on the one objective they both rated: the formula gives 0.0, but one item's raters
        // can only be compared with each other; that is no reliability.
        var row = Agreement([2, null, null], [3, 4, null]);
        Assert.Equal([2, 1, 2, null], row);
        Assert.Equal("fewer than two items rated by two or more coders", Reason());
    }

    [Fact]
    public void AlphaOrdinal_OneCoder_IsUndefinedWithItsReason()
    {
        Assert.Null(Agreement([1, 2, 3, 4])[3]);
        Assert.Equal("fewer than two coders", Reason());
    }

    private string? Reason() => (string?)_w.Rows($"select alpha_undefined_reason from marts.rater_agreement where unit_id = '{Unit}'").Single()[0];
}
