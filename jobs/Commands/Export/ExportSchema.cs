using System.Text.Json;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Jobs.Commands.Export;

/// <summary>
/// The column types of a CSV extract, as a Frictionless Data Package (datapackage.json, Table Schema): R's frictionless
/// and Python's frictionless read the CSVs with it typed, and each field also names its DuckDB type
/// (<c>duckdb_type</c>) for read_csv's <c>columns</c>, or to build pandas dtypes. Without it a reader guesses: a
/// dimension code "7" becomes a number, a wave id "2019" too.
/// </summary>
public static class ExportSchema
{
    public const string FileName = "datapackage.json";

    public static void Write(DuckDBConnection connection, IEnumerable<string> views, string path)
    {
        var resources = new JsonArray();
        foreach (var view in views)
        {
            var fields = new JsonArray();
            foreach (var column in Db.Rows(connection, "select column_name, data_type, comment from duckdb_columns() where schema_name = 'research' and table_name = $1 order by column_index", view))
            {
                var duckdb = (string)column[1]!;
                var field = new JsonObject { ["name"] = (string)column[0]!, ["type"] = TableSchemaType(duckdb), ["duckdb_type"] = duckdb };
                if (column[2] is string { Length: > 0 } description)
                {
                    field["description"] = description;
                }

                fields.Add(field);
            }

            resources.Add(new JsonObject
            {
                ["name"] = view.Replace('_', '-'),
                ["path"] = $"{view}.csv",
                ["format"] = "csv",
                ["encoding"] = "utf-8",
                ["dialect"] = new JsonObject { ["delimiter"] = ",", ["header"] = true, ["lineTerminator"] = "\r\n" },
                ["schema"] = new JsonObject { ["fields"] = fields, ["missingValues"] = new JsonArray("") },
            });
        }

        var package = new JsonObject
        {
            ["profile"] = "tabular-data-package",
            ["name"] = "researchpipeline-research-extract",
            ["resources"] = resources,
        };
        File.WriteAllText(path, package.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>The Table Schema type of a DuckDB type.</summary>
    public static string TableSchemaType(string duckdb) => duckdb switch
    {
        "BOOLEAN" => "boolean",
        "TINYINT" or "SMALLINT" or "INTEGER" or "BIGINT" or "HUGEINT" or "UTINYINT" or "USMALLINT" or "UINTEGER" or "UBIGINT" => "integer",
        "FLOAT" or "DOUBLE" => "number",
        _ when duckdb.StartsWith("DECIMAL", StringComparison.Ordinal) => "number",
        "DATE" => "date",
        "TIMESTAMP" or "TIMESTAMP WITH TIME ZONE" => "datetime",
        _ => "string",
    };
}
