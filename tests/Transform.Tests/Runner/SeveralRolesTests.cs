using System.Globalization;
using ResearchPipeline.Ingest;
using ResearchPipeline.TestSupport;
using ResearchPipeline.Transform.Runner;

namespace ResearchPipeline.Transform.Tests.Runner;

/// <summary>
/// People who rate a unit in several roles are the one case where a person has several individual ratings of an item.
/// The models group only those people's ratings per person (int_raters_in_several_roles) and count everyone else's
/// rating as it stands; these tests hold int_stages and int_item_values_counted to the plain definitions (a distinct
/// count of raters, each person's lower median over all their ratings) on ratings where many people do rate in
/// several roles, with different levels, beside consensus entries.
/// </summary>
public sealed class SeveralRolesTests : IDisposable
{
    private const string Header = TempWarehouse.LongFormatHeader;
    private static readonly string[] Units = ["uva-chesterfield", "gmu-fairfax", "du-denver"];
    private static readonly string[][] RolesOfRater = [["IHE"], ["IHE", "LEA"], ["IHE", "LEA", "JOINT"], ["LEA"], ["LEA", "JOINT"], ["JOINT"], ["IHE", "JOINT"]];
    private readonly TempWarehouse _w = new();

    public SeveralRolesTests()
    {
        var random = new Random(20261202);
        var lines = new List<string> { Header };
        foreach (var unit in Units)
        {
            foreach (var wave in new[] { "2018", "2019" })
            {
                for (var dim = 1; dim <= 24; dim++)
                {
                    for (var r = 0; r < RolesOfRater.Length; r++)
                    {
                        foreach (var role in RolesOfRater[r].Where(_ => random.NextDouble() > 0.15))
                        {
                            lines.Add(Line(wave, unit, role, $"person{r}@example.org", dim, random.Next(1, 5), consensus: false));
                        }
                    }

                    foreach (var role in new[] { "IHE", "LEA", "JOINT" }.Where(_ => random.NextDouble() < 0.2))
                    {
                        lines.Add(Line(wave, unit, role, "", dim, random.Next(1, 5), consensus: true));
                    }
                }
            }
        }

        IngestService.IngestFile(_w.Connection, _w.WriteFile("roles.csv", string.Join("\n", lines) + "\n"), TempWarehouse.Options);
        var runner = new ModelRunner(_w.Connection, TimeProvider.System);
        runner.Build();
        Assert.All(runner.Test(), o => Assert.True(o.Passed, $"{o.Test.Model} {o.Test.Name}: {o.FailingRows}"));
    }

    public void Dispose() => _w.Dispose();

    private static string Line(string wave, string unit, string role, string rater, int dim, int level, bool consensus) =>
        string.Create(CultureInfo.InvariantCulture, $"ilead,ilead-dp-2018,{wave},{unit},{role},{rater},{dim},{level},,{(consensus ? "true" : "false")},");

    [Fact]
    public void Ratings_HavePeopleInSeveralRolesWithDifferentLevels()
    {
        // Not vacuous: people rate items in two and three roles, at different levels, and every unit has consensus entries.
        Assert.Equal(Units.Length * 2 * 4, _w.Count("select count(*) from intermediate.int_raters_in_several_roles"));
        Assert.True(_w.Count("""
            select count(*) from (
              select 1 from staging.stg_core__ratings where not is_consensus
              group by unit_id, wave_id, dimension_code, rater_key having count(*) = 3 and count(distinct progress_rank) = 3)
            """) > 10);
        Assert.True(_w.Count("select count(*) from staging.stg_core__ratings where is_consensus") > 20);
    }

    [Fact]
    public void Stages_EqualThePlainDefinition()
    {
        const string plain = """
            with grouped as (
              select framework_id, network_id, unit_id, case when grouping(role_code) = 1 then 'ALL' else role_code end as role_code,
                dimension_code, wave_id,
                count(distinct rater_key) filter (where not is_consensus) as n_raters,
                bool_or(is_consensus) as has_consensus,
                list_sort(list(progress_rank) filter (where is_consensus)) as consensus_ranks,
                list_sort(list(progress_rank) filter (where not is_consensus)) as ranks
              from staging.stg_core__ratings
              group by grouping sets ((framework_id, network_id, unit_id, role_code, dimension_code, wave_id), (framework_id, network_id, unit_id, dimension_code, wave_id)))
            select framework_id, network_id, unit_id, role_code, dimension_code, wave_id, cast(n_raters as integer), has_consensus,
              cast(coalesce(consensus_ranks[((len(consensus_ranks) - 1) // 2) + 1], ranks[((len(ranks) - 1) // 2) + 1]) as integer),
              case when len(consensus_ranks) > 0 then 'consensus' else 'lower_median' end
            from grouped
            """;
        AssertSameRows(plain, "select * from intermediate.int_stages");
        // Seven people; counted by their ratings, an item's ALL would have up to twelve raters.
        Assert.Equal(RolesOfRater.Length, _w.Count("select max(n_raters) from intermediate.int_stages where role_code = 'ALL'"));
    }

    [Fact]
    public void ItemValues_EqualThePlainDefinition()
    {
        const string plain = """
            with person as (
              select framework_id, network_id, unit_id, wave_id, dimension_code, rater_key,
                list_sort(list(progress_rank))[((count(*) - 1) // 2) + 1] as value
              from staging.stg_core__ratings where not is_consensus
              group by framework_id, network_id, unit_id, wave_id, dimension_code, rater_key)
            select framework_id, network_id, unit_id, wave_id, dimension_code, value, cast(count(*) as integer),
              cast(sum(count(*)) over (partition by framework_id, unit_id, wave_id, dimension_code) as integer)
            from person group by framework_id, network_id, unit_id, wave_id, dimension_code, value
            """;
        AssertSameRows(plain, "select * from intermediate.int_item_values_counted");
    }

    private void AssertSameRows(string expected, string actual)
    {
        Assert.True(_w.Count($"select count(*) from ({expected})") > 100);
        Assert.Equal(0, _w.Count($"select count(*) from (({expected}) except all ({actual}))"));
        Assert.Equal(0, _w.Count($"select count(*) from (({actual}) except all ({expected}))"));
    }
}
