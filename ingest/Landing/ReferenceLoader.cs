using System.Globalization;
using DuckDB.NET.Data;
using ResearchPipeline.Ingest.Roster;
using ResearchPipeline.Models;
using ResearchPipeline.Models.Frameworks;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Ingest.Landing;

/// <summary>Writes reference data (frameworks, networks, waves) into core.*. Replaces a framework version whole.</summary>
public static class ReferenceLoader
{
    public static void LoadBuiltIns(DuckDBConnection connection)
    {
        using var tx = connection.BeginTransaction();
        LoadNetworks(connection, ReferenceData.NetworksCsv());
        foreach (var framework in ReferenceData.BuiltInFrameworks())
        {
            LoadFramework(connection, framework);
        }

        LoadWaves(connection, ReferenceData.WavesCsv());
        RosterLanding.Apply(connection, RosterCsvReader.Read("built-in roster.csv", new StringReader(ReferenceData.RosterCsv())).Rows);
        tx.Commit();
    }

    public static void LoadFramework(DuckDBConnection connection, FrameworkDefinition f)
    {
        foreach (var table in new[] { "descriptors", "roles", "levels", "dimensions", "dimension_groups", "frameworks" })
        {
            Db.Execute(connection, $"delete from core.{table} where framework_id = $1", f.FrameworkId);
        }

        Db.Execute(connection,
            "insert into core.frameworks values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            f.FrameworkId, f.Name, f.Version, f.Network, f.LevelCount, f.Ascending, f.LevelTerm, f.DimensionTerm, f.DescriptorsByRole);
        using (var appender = connection.CreateAppender("core", "dimension_groups"))
        {
            foreach (var g in f.Groups)
            {
                appender.CreateRow().AppendValue(f.FrameworkId).AppendValue(g.Code).AppendValue(g.Title).AppendValue(g.Description).EndRow();
            }
        }

        using (var appender = connection.CreateAppender("core", "dimensions"))
        {
            foreach (var d in f.Dimensions)
            {
                appender.CreateRow().AppendValue(f.FrameworkId).AppendValue(d.Code).AppendValue(d.Number).AppendValue(d.Title).AppendValue(d.Group).EndRow();
            }
        }

        using (var appender = connection.CreateAppender("core", "levels"))
        {
            foreach (var l in f.Levels)
            {
                appender.CreateRow().AppendValue(f.FrameworkId).AppendValue(l.Value).AppendValue(l.Label).AppendValue(l.ProgressRank).EndRow();
            }
        }

        using (var appender = connection.CreateAppender("core", "roles"))
        {
            foreach (var r in f.Roles)
            {
                appender.CreateRow().AppendValue(f.FrameworkId).AppendValue(r.Code).AppendValue(r.Name).AppendValue(r.Description).EndRow();
            }
        }

        using (var appender = connection.CreateAppender("core", "descriptors"))
        {
            foreach (var d in f.AllDescriptors)
            {
                appender.CreateRow().AppendValue(f.FrameworkId).AppendValue(d.DimensionCode).AppendValue(d.RoleCode).AppendValue(d.LevelValue).AppendValue(d.Text).EndRow();
            }
        }
    }

    private static void LoadNetworks(DuckDBConnection connection, string csv)
    {
        foreach (var row in ReadCsv(csv))
        {
            Db.Execute(connection, "insert or replace into core.networks values ($1, $2)", row["network_id"], row["name"]);
        }
    }

    public static int LoadWaves(DuckDBConnection connection, string csv)
    {
        var rows = ReadCsv(csv);
        foreach (var (row, i) in rows.Select((r, i) => (r, i)))
        {
            foreach (var id in new[] { "network_id", "wave_id" })
            {
                if (!Ids.IsSafe(row[id]))
                {
                    throw new PipelineInputException($"waves file row {i + 2}, column \"{id}\": \"{row[id]}\" may hold {Ids.Rule}; nothing was loaded.");
                }
            }
        }

        foreach (var row in rows)
        {
            Db.Execute(connection,
                "insert or replace into core.waves (wave_id, network_id, label, starts_on, ends_on) values ($1, $2, $3, $4, $5)",
                row["wave_id"], row["network_id"], row["label"],
                DateOnly.ParseExact(row["starts_on"], "yyyy-MM-dd", CultureInfo.InvariantCulture),
                DateOnly.ParseExact(row["ends_on"], "yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        WarehouseSchema.NumberWaves(connection);
        return rows.Count;
    }

    public static bool IsWavesHeader(IReadOnlyList<string> header) =>
        WaveColumns.All(c => header.Contains(c, StringComparer.OrdinalIgnoreCase));

    private static readonly string[] WaveColumns = ["network_id", "wave_id", "label", "starts_on", "ends_on"];

    private static List<Dictionary<string, string>> ReadCsv(string text)
    {
        using var csv = CsvText.Open(new StringReader(text));
        csv.ReadHeader();
        var header = csv.Headers.ToArray();
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            if (!CsvText.IsBlankRecord(csv))
            {
                rows.Add(Enumerable.Range(0, header.Length).ToDictionary(i => header[i], i => CsvText.Field(csv, i)));
            }
        }

        return rows;
    }
}
