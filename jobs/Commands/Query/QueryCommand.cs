using System.CommandLine;
using DuckDB.NET.Data;
using ResearchPipeline.Jobs.Cli;
using ResearchPipeline.Models;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Jobs.Commands.Query;

/// <summary>
/// <c>rp query "SQL" | --file FILE | - [--format table|csv|json]</c>: a read-only query against the published snapshot;
/// the SQL from the argument, a file, or standard input ("-", or nothing given with input piped in).
/// </summary>
public static class QueryCommand
{
    public static Command Create(CommonOptions common)
    {
        var sql = new Argument<string?>("sql") { Description = "A read-only SQL query; - reads it from standard input", Arity = ArgumentArity.ZeroOrOne };
        var file = new Option<string?>("--file") { Description = "Read the SQL from this file" };
        var format = CommonOptions.Format(["table", "csv", "json"], "table | csv | json");
        var command = new Command("query", "Read-only query against the published snapshot (SQL as an argument, from --file, or from standard input).") { sql, file, format };
        command.SetAction(r =>
        {
            var text = SqlText(r.GetValue(sql), r.GetValue(file));
            var context = common.Context(r);
            using var connection = context.OpenSnapshot();
            var (names, rows) = Run(connection, text);
            QueryFormatter.Write(context.Output, r.GetValue(format)!, names, rows);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// A column's value. A list is read as a list of nullable elements (GetValue reads LIST(INTEGER) as List&lt;int&gt;
    /// and fails on [1, NULL]), at every depth.
    /// </summary>
    private static object? Value(DuckDBDataReader reader, int i)
    {
        var type = reader.GetFieldType(i);
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(List<>))
        {
            return reader.GetValue(i);
        }

        return GetFieldValue.MakeGenericMethod(WithNullableElements(type)).Invoke(reader, [i]);
    }

    private static readonly System.Reflection.MethodInfo GetFieldValue = typeof(DuckDBDataReader).GetMethod(nameof(DuckDBDataReader.GetFieldValue))!;

    private static Type WithNullableElements(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? typeof(List<>).MakeGenericType(WithNullableElements(type.GetGenericArguments()[0]))
        : type.IsValueType && Nullable.GetUnderlyingType(type) is null ? typeof(Nullable<>).MakeGenericType(type)
        : type;

    /// <summary>The SQL to run: the argument, the file, or standard input; one of them, and not empty.</summary>
    private static string SqlText(string? argument, string? file)
    {
        if (argument is not null && argument != "-" && file is not null)
        {
            throw new PipelineInputException("Give the SQL once: as an argument, or with --file, not both.");
        }

        string text;
        if (file is not null)
        {
            text = File.Exists(file) ? File.ReadAllText(file) : throw new PipelineInputException($"--file {file}: no such file.");
        }
        else if (argument == "-" || (argument is null && Console.IsInputRedirected))
        {
            text = Console.In.ReadToEnd();
        }
        else
        {
            text = argument ?? throw new PipelineInputException("Say what to query: rp query \"select …\", rp query --file query.sql, or pipe the SQL in (rp query - < query.sql).");
        }

        return string.IsNullOrWhiteSpace(text) ? throw new PipelineInputException("The SQL is empty.") : text;
    }

    /// <summary>
    /// Runs the query with external access off and the configuration locked: it can read the snapshot and nothing else,
    /// and can write nothing (no ATTACH of another file, no COPY TO, no INSTALL).
    /// </summary>
    private static (List<string> Names, List<object?[]> Rows) Run(DuckDBConnection connection, string sql)
    {
        Db.Execute(connection, "set enable_external_access = false; set lock_configuration = true;");
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = (DuckDBDataReader)command.ExecuteReader();
            var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
            var rows = new List<object?[]>();
            while (reader.Read())
            {
                rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : Value(reader, i)).ToArray());
            }

            return (names, rows);
        }
        catch (DuckDBException ex)
        {
            var first = ex.Message.Split('\n')[0].Trim();
            if (first.Contains("read-only", StringComparison.OrdinalIgnoreCase) || first.Contains("external access", StringComparison.OrdinalIgnoreCase) || first.Contains("file system operations are disabled", StringComparison.OrdinalIgnoreCase)
                || first.Contains("lock_configuration", StringComparison.OrdinalIgnoreCase) || first.Contains("configuration has been locked", StringComparison.OrdinalIgnoreCase))
            {
                throw new PipelineInputException($"rp query is read-only: the published snapshot cannot be changed and nothing outside it can be read or written. DuckDB said: {first}", ex);
            }

            throw new PipelineInputException($"The query failed: {first}", ex);
        }
    }
}
