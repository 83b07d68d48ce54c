using System.Globalization;
using System.Reflection;
using DuckDB.NET.Data;
using ResearchPipeline.Models;

namespace ResearchPipeline.Warehouse;

/// <summary>
/// The one set of DuckDB helpers every project uses: open a warehouse file, run a statement, read a value or rows.
/// Values always go in as parameters, never concatenated into the SQL.
/// </summary>
public static class Db
{
    /// <summary>How long an open waits for another process that holds the file (DuckDB allows one process at a time).</summary>
    public static readonly TimeSpan LockPatience = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How much memory DuckDB may hold while it lands a large file, before it spills to a temporary folder beside the
    /// warehouse: what keeps a 20-million-row file's ingest within a small machine, whatever the size of the file.
    /// </summary>
    public const string IngestMemoryLimit = "1GB";

    /// <summary>
    /// How much memory DuckDB may hold while it builds the models, before it spills beside the warehouse. More than a
    /// landing: the stage rule's lower medians gather each group's ratings, which DuckDB keeps in memory (at 10× the
    /// scale data, 8 million groups did not always fit in 1 GB).
    /// </summary>
    public const string BuildMemoryLimit = "2GB";

    /// <summary>
    /// DuckDB's settings for a large write (a landing, a build) until the result is disposed, then DuckDB's own again:
    /// memory held to <paramref name="memoryLimit"/> (the rest spills beside the warehouse), and no FSST. The text
    /// written is ids and pseudonyms that repeat, which dictionary compression takes: trying FSST on every text column
    /// was a tenth of a full build, a quarter of an incremental one's commit and a fifth of writing a landing's rows,
    /// and the file took the same room without it.
    /// </summary>
    public static IDisposable LargeWrite(DuckDBConnection connection, string memoryLimit)
    {
        Execute(connection, $"set memory_limit = '{memoryLimit}'; set disabled_compression_methods = 'fsst'");
        return new Reset(() => Execute(connection, "reset memory_limit; reset disabled_compression_methods"));
    }

    private sealed class Reset(Action reset) : IDisposable
    {
        public void Dispose() => reset();
    }

    /// <summary>
    /// Opens (creating its folder) a DuckDB file for reading and writing. Another process holding the file for a moment
    /// (rp status, a query opened on the working file by mistake) is waited for, up to <see cref="LockPatience"/>,
    /// before the open fails: a scheduled job is not lost to a reader's glance.
    /// </summary>
    public static DuckDBConnection Open(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return OpenPatiently($"Data Source={full}");
    }

    /// <summary>Opens a DuckDB file read-only (a published snapshot, or the warehouse for a command that only reads), as patiently as <see cref="Open"/>.</summary>
    public static DuckDBConnection OpenReadOnly(string path) => OpenPatiently($"Data Source={Path.GetFullPath(path)};ACCESS_MODE=READ_ONLY");

    /// <summary>
    /// The environment variable that caps the threads DuckDB works with in an rp process; unset, DuckDB takes one per
    /// core. For a machine shared with other work, or many small runs side by side: the test suite sets 1, since its
    /// tests already run several at a time, and DuckDB's own threads then only added the cost of starting them and of
    /// handing memory back to the system after each of their tasks.
    /// </summary>
    public const string ThreadsVariable = "RP_DUCKDB_THREADS";

    /// <summary>The connection-string option for <see cref="ThreadsVariable"/>, or nothing when it is unset.</summary>
    public static string ThreadsOption() => ThreadsOption(Environment.GetEnvironmentVariable(ThreadsVariable));

    internal static string ThreadsOption(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "";
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var threads) && threads is >= 1 and <= 256
            ? $";threads={threads}"
            : throw new PipelineInputException($"${ThreadsVariable}: \"{value}\" must be a whole number from 1 to 256 (or unset, for one thread per core)");
    }

    private static DuckDBConnection OpenPatiently(string connectionString)
    {
        var waited = TimeSpan.Zero;
        var pause = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            var connection = new DuckDBConnection(connectionString + ThreadsOption());
            try
            {
                connection.Open();
                return connection;
            }
            catch (DuckDBException ex) when (IsHeldElsewhere(ex) && waited < LockPatience)
            {
                connection.Dispose();
                Thread.Sleep(pause);
                waited += pause;
                pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 1000));
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }
    }

    /// <summary>True when DuckDB refused an open because another process holds the file.</summary>
    public static bool IsHeldElsewhere(DuckDBException ex) =>
        ex.Message.Contains("Could not set lock on file", StringComparison.Ordinal) || ex.Message.Contains("Conflicting lock", StringComparison.Ordinal);

    public static int Execute(DuckDBConnection connection, string sql, params object?[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    public static object? Scalar(DuckDBConnection connection, string sql, params object?[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    public static T? Scalar<T>(DuckDBConnection connection, string sql, params object?[] parameters)
    {
        var value = Scalar(connection, sql, parameters);
        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return value is null ? default : (T)Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
    }

    /// <summary>A whole-number scalar (a count, an id) as a long.</summary>
    public static long Count(DuckDBConnection connection, string sql, params object?[] parameters) =>
        Convert.ToInt64(Scalar(connection, sql, parameters), CultureInfo.InvariantCulture);

    /// <summary>Every row of a query as values (null for SQL null).</summary>
    public static List<object?[]> Rows(DuckDBConnection connection, string sql, params object?[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Every row of a query, each value as invariant text ("" for null): for small reference and lookup queries.</summary>
    public static List<string[]> TextRows(DuckDBConnection connection, string sql, params object?[] parameters) =>
        Rows(connection, sql, parameters).Select(r => r.Select(Text).ToArray()).ToList();

    /// <summary>The first column of every row as invariant text, nulls left out.</summary>
    public static List<string> Strings(DuckDBConnection connection, string sql, params object?[] parameters) =>
        Rows(connection, sql, parameters).Where(r => r[0] is not null).Select(r => Text(r[0])).ToList();

    /// <summary>"table", "view", or null when nothing of that name exists in the connection's own database.</summary>
    public static string? RelationKind(DuckDBConnection connection, string schema, string name) =>
        Scalar(connection, """
            select 'table' from duckdb_tables() where database_name = current_database() and schema_name = $1 and table_name = $2
            union all
            select 'view' from duckdb_views() where database_name = current_database() and schema_name = $1 and view_name = $2
            """, schema, name) as string;

    /// <summary>Every table and view of the connection's own database, as schema.name → "table" or "view" (<see cref="RelationKind"/> for all names at once).</summary>
    public static Dictionary<string, string> RelationKinds(DuckDBConnection connection) =>
        Rows(connection, """
            select schema_name || '.' || table_name, 'table' from duckdb_tables() where database_name = current_database()
            union all
            select schema_name || '.' || view_name, 'view' from duckdb_views() where database_name = current_database()
            """).ToDictionary(r => (string)r[0]!, r => (string)r[1]!, StringComparer.Ordinal);

    /// <summary>A SQL file embedded in <paramref name="assembly"/> under <paramref name="resource"/>.</summary>
    public static string ReadSql(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"SQL resource {resource} is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>SQL text quoted as a literal, for the few statements DuckDB cannot parameterize (COPY, ATTACH paths).</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Text(object? value) => value is null ? "" : Convert.ToString(value, CultureInfo.InvariantCulture)!;

    private static DuckDBCommand Command(DuckDBConnection connection, string sql, object?[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var p in parameters)
        {
            command.Parameters.Add(new DuckDBParameter(p ?? DBNull.Value));
        }

        return command;
    }
}
