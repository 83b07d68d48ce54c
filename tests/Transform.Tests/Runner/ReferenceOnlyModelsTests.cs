using ResearchPipeline.Ingest;
using ResearchPipeline.TestSupport;
using ResearchPipeline.Transform.Runner;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Transform.Tests.Runner;

/// <summary>
/// A table made of reference data alone (units, memberships, waves…) is what it was at the last build when an
/// incremental build runs, since a change to reference data makes the build a full one: it is left as it is.
/// </summary>
public sealed class ReferenceOnlyModelsTests : IDisposable
{
    private const string Header = TempWarehouse.LongFormatHeader;
    private readonly TempWarehouse _w = new();

    public void Dispose() => _w.Dispose();

    private void Ingest(string wave) =>
        IngestService.IngestFile(_w.Connection, _w.WriteFile($"r{wave}.csv", string.Join("\n",
            [Header, .. new[] { "a", "b", "c" }.Select((r, i) => $"ilead,ilead-dp-2018,{wave},psu-portland,IHE,{r},1,{1 + i},,false,")]) + "\n"), TempWarehouse.Options);

    private long Oid(string table) => _w.Count($"select table_oid from duckdb_tables() where schema_name = 'marts' and table_name = '{table}'");

    private List<string> Members() =>
        _w.Rows("select * from marts.unit_wave_members order by all").Select(r => string.Join("|", r)).ToList();

    [Fact]
    public void OnlyModels_MadeOfReferenceDataAlone_NotTheOnesThatReadRatings()
    {
        var only = ReferenceData.OnlyModels(ModelCatalog.Load());

        Assert.Contains("marts.unit_wave_members", only);
        Assert.Contains("intermediate.int_unit_wave_members", only);
        Assert.DoesNotContain("marts.data_as_of", only);
        Assert.DoesNotContain("marts.stage_history", only);
        Assert.DoesNotContain("staging.stg_core__ratings", only);
    }

    [Fact]
    public void IncrementalBuild_ReferenceOnlyTable_KeptAsItWasUntilTheReferenceChanges()
    {
        var runner = new ModelRunner(_w.Connection, TimeProvider.System);
        Ingest("2018");
        runner.Build();
        var (members, asOf) = (Oid("unit_wave_members"), Oid("data_as_of"));

        Ingest("2019");
        Assert.False(runner.Build().Full);
        Assert.Equal(members, Oid("unit_wave_members"));
        Assert.NotEqual(asOf, Oid("data_as_of")); // a table that reads the ratings is made again
        var kept = Members();
        runner.Build(full: true);
        Assert.Equal(kept, Members());

        // A membership edited: the next build is a full one, and the table follows the roster.
        Db.Execute(_w.Connection, "update core.unit_members set valid_to = date '2019-06-30' where unit_id = 'psu-portland' and member_role = 'IHE'");
        var edited = runner.Build();
        Assert.True(edited.Full);
        Assert.Contains("reference data", edited.Reason, StringComparison.Ordinal);
        Assert.NotEqual(kept, Members());
        Assert.Equal(0, _w.Count("select count(*) from marts.unit_wave_members where unit_id = 'psu-portland' and member_role = 'IHE' and wave_id = '2022'"));
    }
}
