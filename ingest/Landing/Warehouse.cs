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

    public static void EnsureSchema(DuckDBConnection connection) =>
        Execute(connection, ReadSql("warehouse.sql"));

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
