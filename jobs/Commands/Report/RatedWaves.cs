using DuckDB.NET.Data;
using ResearchPipeline.Models;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Jobs.Commands.Report;

/// <summary>
/// The wave a report is for: the one asked for, if something was rated in it, else a one-line error naming the waves
/// that were (a report of a wave with no ratings would be an empty page that looks like a finding); or, when none was
/// asked for, the latest rated one. Waves are ordered by wave_seq (their order in the network), never by the id as text:
/// 2022-fall comes after 2022-spring.
/// </summary>
public static class RatedWaves
{
    /// <param name="rated">A query returning network_id and wave_id of the waves with ratings in the report's scope.</param>
    /// <param name="scope">What was rated, in words, for the message: "ilead-dp-2018 ratings", "IC-map ratings of team-a".</param>
    public static string Resolve(DuckDBConnection connection, string? wave, string scope, string rated, params object?[] parameters)
    {
        var waves = Db.Strings(connection, $"""
            select w.wave_id from ({rated}) q join core.waves w on w.network_id = q.network_id and w.wave_id = q.wave_id
            order by w.wave_seq
            """, parameters);
        if (waves.Count == 0)
        {
            throw new PipelineInputException($"There are no {scope} yet: ingest some, then transform, then report.");
        }

        if (wave is null)
        {
            return waves[^1];
        }

        if (waves.Contains(wave))
        {
            return wave;
        }

        var declared = Db.Count(connection, "select count(*) from core.waves where wave_id = $1", wave) > 0;
        throw new PipelineInputException(declared
            ? $"Wave \"{wave}\" has no {scope} (waves with some: {string.Join(", ", waves)})."
            : $"Wave \"{wave}\" is not a wave the warehouse knows (waves with {scope}: {string.Join(", ", waves)}).");
    }
}
