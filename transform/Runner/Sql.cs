using System.Globalization;
using DuckDB.NET.Data;

namespace ResearchPipeline.Transform.Runner;

/// <summary>The few statement helpers the runner and the publisher share. Parameters, never concatenation, for values.</summary>
internal static class Sql
{
    public static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static object? Scalar(DuckDBConnection connection, string sql, params object[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var p in parameters)
        {
            command.Parameters.Add(new DuckDBParameter(p));
        }

        return command.ExecuteScalar();
    }

    public static long Long(DuckDBConnection connection, string sql, params object[] parameters) =>
        Convert.ToInt64(Scalar(connection, sql, parameters), CultureInfo.InvariantCulture);

    /// <summary>"table", "view", or null when nothing of that name exists in the connection's own database.</summary>
    public static string? RelationKind(DuckDBConnection connection, string schema, string name) =>
        Scalar(connection, """
            select 'table' from duckdb_tables() where database_name = current_database() and schema_name = $1 and table_name = $2
            union all
            select 'view' from duckdb_views() where database_name = current_database() and schema_name = $1 and view_name = $2
            """, schema, name) as string;
}
