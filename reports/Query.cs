using System.Globalization;
using DuckDB.NET.Data;

namespace ResearchPipeline.Reports;

/// <summary>Small parameterized reads for report builders.</summary>
internal static class Query
{
    public static List<object?[]> Rows(DuckDBConnection connection, string sql, params object?[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var p in parameters)
        {
            command.Parameters.Add(new DuckDBParameter(p ?? DBNull.Value));
        }

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

    /// <summary>When a unit's data last landed, and whether any of it is synthetic sample data: every report's stamp.</summary>
    public static (DateTime? AsOf, bool Synthetic) DataAsOf(DuckDBConnection connection, string unitId)
    {
        var row = Rows(connection, "select max(b.finished_at), bool_or(b.is_synthetic) from core.ratings r join ops.ingest_batches b using (batch_id) where r.unit_id = $1", unitId)[0];
        return (row[0] as DateTime?, row[1] is true);
    }

    public static string Str(object? v) => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "";

    // DuckDB sums are HUGEINT, which DuckDB.NET returns as BigInteger.
    public static int Int(object? v) => v is System.Numerics.BigInteger b ? (int)b : Convert.ToInt32(v, CultureInfo.InvariantCulture);

    public static int? IntOrNull(object? v) => v is null ? null : Int(v);

    public static double? DoubleOrNull(object? v) => v switch
    {
        null => null,
        System.Numerics.BigInteger b => (double)b,
        _ => Convert.ToDouble(v, CultureInfo.InvariantCulture),
    };

    public static string Num(double? v) => v is null ? "" : v.Value.ToString("0.##", CultureInfo.InvariantCulture);
}
