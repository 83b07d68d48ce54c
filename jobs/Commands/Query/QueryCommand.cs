using System.CommandLine;
using DuckDB.NET.Data;
using ResearchPipeline.Jobs.Cli;
using ResearchPipeline.Models;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Jobs.Commands.Query;

/// <summary><c>rp query "SQL" [--format table|csv|json]</c>: a read-only query against the published snapshot.</summary>
public static class QueryCommand
{
    public static Command Create(CommonOptions common)
    {
        var sql = new Argument<string>("sql") { Description = "A read-only SQL query" };
        var format = CommonOptions.Format(["table", "csv", "json"], "table | csv | json");
        var command = new Command("query", "Read-only query against the published snapshot.") { sql, format };
        command.SetAction(r =>
        {
            var context = common.Context(r);
            using var connection = context.OpenSnapshot();
            var (names, rows) = Run(connection, r.GetValue(sql)!);
            QueryFormatter.Write(context.Output, r.GetValue(format)!, names, rows);
            return 0;
        });
        return command;
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
            using var reader = command.ExecuteReader();
            var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
            var rows = new List<object?[]>();
            while (reader.Read())
            {
                rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i)).ToArray());
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
