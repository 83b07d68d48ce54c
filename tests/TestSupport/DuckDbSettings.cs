using DuckDB.NET.Data;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.TestSupport;

/// <summary>The DuckDB settings a large write changes (<see cref="Db.LargeWrite"/> and a landing's order), as one text to compare.</summary>
public static class DuckDbSettings
{
    private const string Sql = "select current_setting('memory_limit') || ' | ' || current_setting('disabled_compression_methods') || ' | ' || current_setting('preserve_insertion_order')";

    /// <summary>What a fresh DuckDB has.</summary>
    public static string Own()
    {
        using var fresh = new DuckDBConnection("Data Source=:memory:");
        fresh.Open();
        return Of(fresh);
    }

    /// <summary>What <paramref name="connection"/> has now.</summary>
    public static string Of(DuckDBConnection connection) => Db.Scalar<string>(connection, Sql)!;
}
