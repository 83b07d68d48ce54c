using DuckDB.NET.Data;

namespace ResearchPipeline.Ingest.Landing;

/// <summary>Opens the DuckDB warehouse file and keeps its landed tables' schema current.</summary>
public static class Warehouse
{
    public static DuckDBConnection Open(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var connection = new DuckDBConnection($"Data Source={full}");
        connection.Open();
        return connection;
    }

    public static void EnsureSchema(DuckDBConnection connection)
    {
        Execute(connection, ReadSql("warehouse.sql"));

        // Warehouses created before 2026-11-23 declared core.ratings.rating_id a primary key; the table is rebuilt without it
        // (same rows, same columns), once.
        if (Scalar<long>(connection, "select count(*) from duckdb_constraints() where schema_name = 'core' and table_name = 'ratings' and constraint_type = 'PRIMARY KEY'") > 0)
        {
            using var tx = connection.BeginTransaction();
            Execute(connection, "alter table core.ratings rename to ratings_with_primary_key");
            Execute(connection, ReadSql("warehouse.sql"));
            Execute(connection, "insert into core.ratings select * from core.ratings_with_primary_key; drop table core.ratings_with_primary_key");
            tx.Commit();
        }
    }

    public static string ReadSql(string name)
    {
        var assembly = typeof(Warehouse).Assembly;
        using var stream = assembly.GetManifestResourceStream("sql/" + name)
            ?? throw new InvalidOperationException($"SQL resource {name} is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static int Execute(DuckDBConnection connection, string sql, params object?[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var p in parameters)
        {
            command.Parameters.Add(new DuckDBParameter(p ?? DBNull.Value));
        }

        return command.ExecuteNonQuery();
    }

    /// <summary>Every row of a query, each value as invariant text ("" for null): for small reference and lookup queries.</summary>
    public static List<string[]> Rows(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string[]>();
        while (reader.Read())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!;
            }

            rows.Add(row);
        }

        return rows;
    }

    public static T? Scalar<T>(DuckDBConnection connection, string sql, params object?[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var p in parameters)
        {
            command.Parameters.Add(new DuckDBParameter(p ?? DBNull.Value));
        }

        var value = command.ExecuteScalar();
        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture);
    }
}
