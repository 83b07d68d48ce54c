using System.Globalization;
using ResearchPipeline.Ingest;
using ResearchPipeline.TestSupport;
using ResearchPipeline.Transform.Runner;

namespace ResearchPipeline.Transform.Tests.Runner;

/// <summary>
/// Agreement per objective across the network (units as items) against Krippendorff's (2011) worked example, and the
/// within-unit average deviation (AD_Md) against a computation here from the ratings.
/// </summary>
public sealed class ObjectiveAndWithinUnitAgreementTests : IDisposable
{
    private const string Header = TempWarehouse.LongFormatHeader;
    private readonly TempWarehouse _w = new();

    public void Dispose() => _w.Dispose();

    private void Build()
    {
        var runner = new ModelRunner(_w.Connection, TimeProvider.System);
        runner.Build();
        Assert.All(runner.Test(), o => Assert.True(o.Passed, $"{o.Test.Model} {o.Test.Name}: {o.FailingRows}"));
    }

    [Fact]
    public void ObjectiveAlpha_TwelveTeamsAsKrippendorffsTwelveUnits_Is0815()
    {
        // Krippendorff (2011), section C: 4 observers × 12 units, values 1–5. Here the units are 12 TXNSI teams (added to
        // the roster), the observers 4 raters in each, all rating outcome 1.1 in one wave: alpha over the teams is 0.815.
        int?[][] observers =
        [
            [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
            [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
        ];
        var roster = "network,unit_id,unit_name,org_id,org_name,org_kind,member_role,valid_from,valid_to\n" +
            string.Concat(Enumerable.Range(1, 12).Select(u => $"txnsi,k-team-{u:00},Team {u},k-org-{u:00},Org {u},CAMPUS,CAMPUS,2021-08-01,\n"));
        IngestService.IngestFile(_w.Connection, _w.WriteFile("roster.csv", roster), TempWarehouse.Options);
        var lines = new List<string> { Header };
        for (var o = 0; o < observers.Length; o++)
        {
            for (var u = 0; u < 12; u++)
            {
                if (observers[o][u] is { } value)
                {
                    lines.Add($"txnsi,txnsi-ic-2022,2022-fall,k-team-{u + 1:00},IMPROVEMENT_TEAM,observer{o}.team{u}@example.org,1.1,{value},,false,");
                }
            }
        }

        IngestService.IngestFile(_w.Connection, _w.WriteFile("k.csv", string.Join("\n", lines) + "\n"), TempWarehouse.Options);
        Build();
        var row = _w.Rows("select n_units, alpha_ordinal, ci_low, ci_high, n_resamples from marts.objective_agreement where dimension_code = '1.1' and wave_id = '2022-fall'").Single();
        Assert.Equal(11L, Convert.ToInt64(row[0], CultureInfo.InvariantCulture)); // unit 12 has one value: not pairable
        Assert.Equal(0.815, Math.Round(Convert.ToDouble(row[1], CultureInfo.InvariantCulture), 3));
        Assert.True(Convert.ToDouble(row[2], CultureInfo.InvariantCulture) < 0.815 && 0.815 < Convert.ToDouble(row[3], CultureInfo.InvariantCulture));
        Assert.Equal(1000L, Convert.ToInt64(row[4], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void WithinUnit_AverageDeviationFromTheMedian_AsComputedHere()
    {
        IngestService.IngestFile(_w.Connection, Path.Combine(Repository.Samples, "ilead-ratings.csv"), TempWarehouse.Options);
        Build();
        // Independently: each person's rank per unit × objective × wave (consensus left out), the median and the mean
        // absolute deviation from it, against 4 / 6.
        var ranks = _w.Rows("""
            select unit_id, dimension_code, wave_id, rater_key, list_sort(list(progress_rank)) from core.ratings
            where framework_id = 'ilead-dp-2018' and not is_consensus group by all
            """).Select(r => (Key: ((string)r[0]!, (string)r[1]!, (string)r[2]!), Rank: ((System.Collections.IList)r[4]!).Cast<object>().Select(v => Convert.ToInt32(v, CultureInfo.InvariantCulture)).ToList()))
            .Select(x => (x.Key, Rank: x.Rank[(x.Rank.Count - 1) / 2]))
            .GroupBy(x => x.Key).Where(g => g.Count() >= 2).ToDictionary(g => g.Key, g => g.Select(x => (double)x.Rank).Order().ToList());
        var mart = _w.Rows("select unit_id, dimension_code, wave_id, n_raters, median_rank, ad_md, ad_limit, agrees from marts.within_unit_agreement where framework_id = 'ilead-dp-2018'");
        Assert.Equal(ranks.Count, mart.Count);
        foreach (var m in mart)
        {
            var values = ranks[((string)m[0]!, (string)m[1]!, (string)m[2]!)];
            var median = values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
            var ad = Math.Round(values.Average(v => Math.Abs(v - median)), 6);
            Assert.Equal(values.Count, Convert.ToInt32(m[3], CultureInfo.InvariantCulture));
            Assert.Equal(median, Convert.ToDouble(m[4], CultureInfo.InvariantCulture));
            Assert.Equal(ad, Convert.ToDouble(m[5], CultureInfo.InvariantCulture), 6);
            Assert.Equal(0.666667, Convert.ToDouble(m[6], CultureInfo.InvariantCulture), 6);
            Assert.Equal(ad <= 0.666667, (bool)m[7]!);
        }
    }
}
