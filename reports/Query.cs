using System.Globalization;
using DuckDB.NET.Data;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Reports;

/// <summary>Value conversions for report builders, and the data-as-of stamp every report carries.</summary>
internal static class Query
{
    /// <summary>When a unit's data last landed, and whether any of it is synthetic sample data: every report's stamp.</summary>
    public static (DateTime? AsOf, bool Synthetic) DataAsOf(DuckDBConnection connection, string unitId)
    {
        var row = Db.Rows(connection, "select max(last_landed_at), bool_or(is_synthetic) from marts.data_as_of where unit_id = $1", unitId)[0];
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
