using System.Security.Cryptography;
using System.Text;
using DuckDB.NET.Data;

namespace ResearchPipeline.Warehouse;

/// <summary>
/// A fingerprint of what tables hold, not of the file that holds them: for each relation its row count and the sum of
/// its rows' hashes (order does not matter), all under SHA-256. The same data gives the same hash however the DuckDB
/// file was laid out, so a report can say exactly which published data it was built from.
/// </summary>
public static class ContentHash
{
    /// <summary>The hash of the rows each query returns, named by relation (in name order).</summary>
    public static string Of(DuckDBConnection connection, IEnumerable<(string Relation, string Query)> relations)
    {
        var text = new StringBuilder();
        foreach (var (relation, query) in relations.OrderBy(r => r.Relation, StringComparer.Ordinal))
        {
            var row = Db.TextRows(connection, $"select count(*), coalesce(sum(hash(q)::hugeint), 0) from ({query}) q")[0];
            text.Append(relation).Append('\t').Append(row[0]).Append('\t').Append(row[1]).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
