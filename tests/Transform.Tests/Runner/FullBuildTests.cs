using ResearchPipeline.Ingest;
using ResearchPipeline.TestSupport;
using ResearchPipeline.Transform.Runner;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Transform.Tests.Runner;

/// <summary>
/// A full build writes each model under a building name and puts them all in place in one transaction at the end:
/// a build that fails part-way leaves the previous build whole, and nothing under a building name.
/// </summary>
public sealed class FullBuildTests : IDisposable
{
    private const string Header = TempWarehouse.LongFormatHeader;
    private const string Building = "select count(*) from duckdb_tables() where table_name like '%\\_\\_building' escape '\\'";
    private const string BuildingViews = "select count(*) from duckdb_views() where view_name like '%\\_\\_building' escape '\\'";
    private readonly TempWarehouse _w = new();

    public FullBuildTests()
    {
        var lines = new List<string> { Header };
        foreach (var wave in new[] { "2018", "2019" })
        {
            for (var dim = 1; dim <= 24; dim++)
            {
                foreach (var (rater, role) in new[] { ("a", "IHE"), ("b", "IHE"), ("c", "LEA"), ("d", "LEA") })
                {
                    lines.Add($"ilead,ilead-dp-2018,{wave},uva-chesterfield,{role},{rater},{dim},{1 + ((dim + rater[0]) % 4)},,false,");
                }
            }
        }

        IngestService.IngestFile(_w.Connection, _w.WriteFile("r.csv", string.Join("\n", lines) + "\n"), TempWarehouse.Options);
        new ModelRunner(_w.Connection, TimeProvider.System).Build();
    }

    public void Dispose() => _w.Dispose();

    /// <summary>Every model relation with its rows, in a form two builds can be compared by.</summary>
    private List<object?[]> Everything() =>
        new ModelRunner(_w.Connection, TimeProvider.System).Models
            .Select(m => new object?[] { m.Relation, _w.Count($"select count(*) from {m.Relation}"), _w.Rows($"select md5(string_agg(cast(t as varchar), ';' order by cast(t as varchar))) from {m.Relation} t").Single()[0] })
            .ToList();

    [Fact]
    public void FullBuild_ModelFailsPartWay_PreviousBuildWholeAndNoBuildingNamesLeft()
    {
        var before = Everything();
        var buildId = _w.Rows("select value from ops.transform_state where key = 'build_id'").Single()[0];
        Assert.Contains(before, r => (long)r[1]! > 0 && ((string)r[0]!).StartsWith("marts.", StringComparison.Ordinal));

        // The stage table reads the levels' labels: without them it fails, after the intermediate models were built.
        Db.Execute(_w.Connection, "alter table core.levels rename column label to level_name");
        var error = Assert.Throws<ModelBuildException>(() => new ModelRunner(_w.Connection, TimeProvider.System).Build(full: true));
        Assert.Contains("marts.stage_history", error.Message, StringComparison.Ordinal);

        Db.Execute(_w.Connection, "alter table core.levels rename column level_name to label");
        Assert.Equal(before, Everything());
        Assert.Equal(buildId, _w.Rows("select value from ops.transform_state where key = 'build_id'").Single()[0]);
        Assert.Equal(0, _w.Count(Building));
        Assert.Equal(0, _w.Count(BuildingViews));
    }

    [Fact]
    public void FullBuild_AfterABuildThatWasKilled_ItsLeftoversAreDroppedAndTheBuildLands()
    {
        var before = Everything();
        Db.Execute(_w.Connection, "create table marts.stage_history__building as select 1 as leftover");
        Db.Execute(_w.Connection, "create view staging.stg_core__ratings__building as select 1 as leftover");

        new ModelRunner(_w.Connection, TimeProvider.System).Build(full: true);
        Assert.Equal(before, Everything());
        Assert.Equal(0, _w.Count(Building));
        Assert.Equal(0, _w.Count(BuildingViews));
        Assert.Equal("VIEW", _w.Rows("select table_type from information_schema.tables where table_schema = 'research' and table_name = 'stage_history'").Single()[0]);
    }

    [Fact]
    public void Build_FailedOrNot_LeavesDuckDBsSettingsAsTheyWere()
    {
        // A build caps DuckDB's memory and leaves FSST out; what runs after it on the connection (a landing, whose
        // pseudonymized rater keys FSST compresses well) gets DuckDB's own settings back.
        var own = DuckDbSettings.Own();
        Assert.Equal(own, DuckDbSettings.Of(_w.Connection)); // after the build in the constructor
        new ModelRunner(_w.Connection, TimeProvider.System).Build(full: true);
        Assert.Equal(own, DuckDbSettings.Of(_w.Connection));

        Db.Execute(_w.Connection, "alter table core.levels rename column label to level_name");
        Assert.Throws<ModelBuildException>(() => new ModelRunner(_w.Connection, TimeProvider.System).Build(full: true));
        Assert.Equal(own, DuckDbSettings.Of(_w.Connection));
    }
}
