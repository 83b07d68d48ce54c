using DuckDB.NET.Data;

namespace ResearchPipeline.Warehouse;

/// <summary>
/// The warehouse contract's landed side: the DDL of raw, core and ops (sql/warehouse.sql), kept current on every open.
/// staging, intermediate and marts are built by the transform from its SQL models.
/// </summary>
public static class WarehouseSchema
{
    public static void Ensure(DuckDBConnection connection)
    {
        var ddl = Db.ReadSql(typeof(WarehouseSchema).Assembly, "warehouse/warehouse.sql");
        Db.Execute(connection, ddl);

        // Warehouses created before 2026-11-23 declared core.ratings.rating_id a primary key; the table is rebuilt without it
        // (same rows, same columns), once.
        if (Db.Count(connection, "select count(*) from duckdb_constraints() where schema_name = 'core' and table_name = 'ratings' and constraint_type = 'PRIMARY KEY'") > 0)
        {
            using var tx = connection.BeginTransaction();
            Db.Execute(connection, "alter table core.ratings rename to ratings_with_primary_key");
            Db.Execute(connection, ddl);
            Db.Execute(connection, "insert into core.ratings select * from core.ratings_with_primary_key; drop table core.ratings_with_primary_key");
            tx.Commit();
        }

        NumberWaves(connection);
    }

    /// <summary>Numbers each network's waves by start date (wave_seq); run after waves are added or changed.</summary>
    public static void NumberWaves(DuckDBConnection connection) =>
        Db.Execute(connection, Db.ReadSql(typeof(WarehouseSchema).Assembly, "warehouse/number_waves.sql"));

    /// <summary>Refuses, saying what to do, when there is no warehouse file at <paramref name="path"/> yet.</summary>
    public static void RequireExisting(string path)
    {
        if (!File.Exists(path))
        {
            throw new Models.PipelineInputException($"No warehouse at {path}: run 'rp init' first.");
        }
    }

    /// <summary>Opens a warehouse file and brings its schema up to date.</summary>
    public static DuckDBConnection Open(string path)
    {
        var connection = Db.Open(path);
        Ensure(connection);
        return connection;
    }
}
