using System.Text.Json;
using DuckDB.NET.Data;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Jobs.Tests.Commands.Export;

/// <summary>
/// Types that survive export: the CSV extract read back with the types its datapackage.json declares equals the
/// snapshot, view by view; the Parquet extract partitioned by network and wave reads back as one dataset equal to it.
/// </summary>
public sealed class ExtractTypesTests(SmallWarehouseFixture fixture) : IClassFixture<SmallWarehouseFixture>
{
    private readonly SmallWarehouse _w = fixture.Warehouse;

    private DuckDBConnection Snapshot()
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        Db.Execute(connection, $"attach '{_w.Snapshot}' as snap (read_only)");
        return connection;
    }

    [Fact]
    public void Csv_ReadWithItsDeclaredTypes_EqualsTheSnapshot()
    {
        var dir = Path.Combine(_w.Folder, "csv-" + Guid.NewGuid().ToString("N")[..8]);
        Assert.Contains("datapackage.json giving every column's type", _w.Rp("export", "--format", "csv", "--out", dir), StringComparison.Ordinal);
        using var package = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "datapackage.json")));
        using var connection = Snapshot();
        var resources = package.RootElement.GetProperty("resources").EnumerateArray().ToList();
        Assert.Equal(Db.Count(connection, "select count(*) from duckdb_views() where database_name = 'snap' and schema_name = 'research'"), resources.Count);
        foreach (var resource in resources)
        {
            var path = Path.Combine(dir, resource.GetProperty("path").GetString()!);
            var view = Path.GetFileNameWithoutExtension(path);
            var fields = resource.GetProperty("schema").GetProperty("fields").EnumerateArray().Select(f => (Name: f.GetProperty("name").GetString()!, Type: f.GetProperty("duckdb_type").GetString()!)).ToList();
            Assert.Equal(
                Db.Strings(connection, $"select column_name || ' ' || data_type from duckdb_columns() where database_name = 'snap' and schema_name = 'research' and table_name = '{view}' order by column_index"),
                fields.Select(f => $"{f.Name} {f.Type}"));
            var columns = string.Join(", ", fields.Select(f => $"'{f.Name}': '{f.Type}'"));
            var read = $"read_csv('{path}', header = true, columns = {{{columns}}}, auto_detect = false)";
            // The one text a spreadsheet would run as a formula is written with a leading ' (the roster's formula name).
            var snapshot = $"select * replace ({string.Join(", ", fields.Where(f => f.Type == "VARCHAR").Select(f => $"case when regexp_matches({f.Name}, '^[=+\\-@\\t\\r]') then '''' || {f.Name} else {f.Name} end as {f.Name}"))}) from snap.research.{view}";
            if (!fields.Any(f => f.Type == "VARCHAR"))
            {
                snapshot = $"select * from snap.research.{view}";
            }

            Assert.Equal(Db.Count(connection, $"select count(*) from snap.research.{view}"), Db.Count(connection, $"select count(*) from {read}"));
            Assert.True(Db.Count(connection, $"select count(*) from (select * from {read} except all {snapshot})") == 0, view);
            Assert.True(Db.Count(connection, $"select count(*) from ({snapshot} except all select * from {read})") == 0, view);
        }
    }

    [Fact]
    public void Parquet_PartitionedByNetworkAndWave_ReadsBackAsOneDataset()
    {
        var dir = Path.Combine(_w.Folder, "parquet-" + Guid.NewGuid().ToString("N")[..8]);
        _w.Rp("export", "--format", "parquet", "--partition", "--out", dir);
        Assert.True(Directory.Exists(Path.Combine(dir, "stage_history", "network_id=ilead", "wave_id=2019")));
        Assert.True(File.Exists(Path.Combine(dir, "frameworks.parquet"))); // no wave: one file
        using var connection = Snapshot();
        var partitioned = 0;
        foreach (var folder in Directory.GetDirectories(dir))
        {
            var view = Path.GetFileName(folder);
            var columns = string.Join(", ", Db.Strings(connection, $"select column_name from duckdb_columns() where database_name = 'snap' and schema_name = 'research' and table_name = '{view}' order by column_index"));
            // Partition values are text here, as in the warehouse: a reader must not guess "2019" is a number.
            var read = $"(select {columns} from read_parquet('{folder}/**/*.parquet', hive_partitioning = true, hive_types_autocast = false))";
            Assert.True(Db.Count(connection, $"select count(*) from (select * from {read} except all select * from snap.research.{view})") == 0, view);
            Assert.True(Db.Count(connection, $"select count(*) from (select * from snap.research.{view} except all select * from {read})") == 0, view);
            Assert.Equal(Db.Count(connection, $"select count(*) from snap.research.{view}"), Db.Count(connection, $"select count(*) from {read}"));
            partitioned++;
        }

        var withBoth = Db.Strings(connection, "select table_name from duckdb_columns() where database_name = 'snap' and schema_name = 'research' and column_name in ('network_id', 'wave_id') group by 1 having count(*) = 2");
        Assert.Equal(withBoth.Count(v => Db.Count(connection, $"select count(*) from snap.research.{v}") > 0), partitioned);
        Assert.All(withBoth.Where(v => !Directory.Exists(Path.Combine(dir, v))), v => Assert.True(File.Exists(Path.Combine(dir, v + ".parquet")), v)); // empty: one file
        var (code, _, error) = RpCli.Run("export", "--format", "csv", "--partition", "--out", dir, "--warehouse", _w.Warehouse);
        Assert.Equal(2, code);
        Assert.Contains("--partition is for --format parquet", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ResearchViews_DimensionCodeIsTextWithItsNumberBeside()
    {
        using var connection = Snapshot();
        var views = Db.Strings(connection, "select table_name from duckdb_columns() where database_name = 'snap' and schema_name = 'research' and column_name = 'dimension_code' and table_name <> 'dimensions' order by 1");
        Assert.Contains("stage_history", views);
        foreach (var view in views)
        {
            Assert.Equal(["dimension_code VARCHAR", "dimension_number INTEGER"],
                Db.Strings(connection, $"select column_name || ' ' || data_type from duckdb_columns() where database_name = 'snap' and schema_name = 'research' and table_name = '{view}' and column_name like 'dimension_%' order by column_name"));
            // Every code has its number (ALL, every dimension pooled, has none); checked against research.dimensions.
            Assert.Equal(0, Db.Count(connection, $"""
                select count(*) from snap.research.{view} v left join snap.research.dimensions d using (framework_id, dimension_code)
                where v.dimension_code <> 'ALL' and v.dimension_number is distinct from d.number
                """));
        }
    }

    [Theory]
    [InlineData("stage_history", "stage")]
    [InlineData("stage_transitions", "from_stage")]
    [InlineData("stage_transitions", "to_stage")]
    [InlineData("transition_probabilities", "from_stage")]
    [InlineData("transition_probabilities", "to_stage")]
    [InlineData("role_gaps", "ihe_stage")]
    [InlineData("role_gaps", "lea_stage")]
    public void ResearchViews_EachStageWithItsLabel_AnOrderedCategory(string view, string stage)
    {
        using var connection = Snapshot();
        Assert.Equal(["INTEGER", "VARCHAR"], Db.Strings(connection, $"select data_type from duckdb_columns() where database_name = 'snap' and schema_name = 'research' and table_name = '{view}' and column_name in ('{stage}', '{stage}_label') order by column_name"));
        Assert.Equal(0, Db.Count(connection, $"""
            select count(*) from snap.research.{view} v left join snap.research.levels l on l.framework_id = v.framework_id and l.progress_rank = v.{stage}
            where v.{stage} is not null and v.{stage}_label is distinct from l.label
            """));
    }
}
