using DuckDB.NET.Data;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Jobs.Commands.Report;

/// <summary>The latest of some waves by wave_seq (their order in the network), never by the id as text: 2022-fall comes after 2022-spring.</summary>
public static class LatestWave
{
    /// <summary><paramref name="waves"/> is a query returning network_id and wave_id; null when it returns none.</summary>
    public static string? Of(DuckDBConnection connection, string waves, params object?[] parameters) =>
        Db.Strings(connection, $"""
            select w.wave_id from ({waves}) q join core.waves w on w.network_id = q.network_id and w.wave_id = q.wave_id
            order by w.wave_seq desc limit 1
            """, parameters).FirstOrDefault();
}
