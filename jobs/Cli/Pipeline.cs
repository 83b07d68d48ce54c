using System.Globalization;
using System.Reflection;
using DuckDB.NET.Data;
using ResearchPipeline.Ingest;
using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Jobs.Config;
using ResearchPipeline.Models;
using ResearchPipeline.Reports;
using ResearchPipeline.Reports.Partner;
using ResearchPipeline.Transform.Runner;

namespace ResearchPipeline.Jobs.Cli;

/// <summary>The pipeline's operations as the commands run them; the composition root for ingest, transform and reports.</summary>
public sealed class Pipeline(PipelineConfig config, TextWriter output, TimeProvider clock)
{
    public static string Version =>
        typeof(Pipeline).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public PipelineConfig Config => config;

    public void Init()
    {
        using var connection = Warehouse.Open(config.Warehouse);
        Warehouse.EnsureSchema(connection);
        ReferenceLoader.LoadBuiltIns(connection);
        PseudonymKey.Resolve(config.PseudonymKeyEnv, config.Warehouse, createIfMissing: true, out var created);
        output.WriteLine($"Warehouse ready: {config.Warehouse}");
        output.WriteLine("  frameworks: " + string.Join(", ", Strings(connection, "select framework_id || ' (' || (select count(*) from core.dimensions d where d.framework_id = f.framework_id) || ' dimensions, ' || (select count(*) from core.descriptors d where d.framework_id = f.framework_id) || ' descriptors)' from core.frameworks f order by 1")));
        output.WriteLine("  units: " + string.Join(", ", Strings(connection, "select network_id || ' ' || count(*) from core.units group by network_id order by 1")));
        if (created)
        {
            output.WriteLine($"  A new pseudonym key was written to {PseudonymKey.KeyFileFor(config.Warehouse)} (owner-readable only).");
            output.WriteLine($"  Keep it with the warehouse: without it, new ratings of the same people get different pseudonyms. Set ${config.PseudonymKeyEnv} to use your own.");
        }
    }

    /// <summary>Ingests files in order (roster and waves first); returns the results.</summary>
    public List<IngestResult> Ingest(IEnumerable<string> paths)
    {
        using var connection = OpenExisting();
        var key = PseudonymKey.Resolve(config.PseudonymKeyEnv, config.Warehouse, createIfMissing: false, out _);
        var options = new IngestOptions(new Pseudonymizer(key), clock);
        var results = new List<IngestResult>();
        foreach (var path in Expand(paths))
        {
            var result = IngestService.IngestFile(connection, path, options);
            results.Add(result);
            if (result.Status == IngestStatus.AlreadyIngested)
            {
                output.WriteLine($"{result.FileName}: already ingested as batch {result.BatchId}; nothing changed.");
                continue;
            }

            output.WriteLine($"{result.FileName}: {result.Kind} batch {result.BatchId}: read {result.RowsRead}, loaded {result.RowsLoaded}, quarantined {result.RowsQuarantined}, skipped {result.RowsSkipped} (not rated)"
                + (result.SupersededRows > 0 ? $", replaced {result.SupersededRows} earlier ratings" : ""));
            foreach (var p in result.Problems.Take(10))
            {
                output.WriteLine("  quarantined: " + p.Describe(result.FileName));
            }

            if (result.Problems.Count > 10)
            {
                output.WriteLine($"  … and {result.Problems.Count - 10} more problems: select * from ops.quarantine where batch_id = {result.BatchId}");
            }
        }

        return results;
    }

    public void Transform()
    {
        using var connection = OpenExisting();
        var runner = new ModelRunner(connection, clock);
        runner.Build(m => output.WriteLine($"  building {m.Relation} ({m.Materialized})"));
        output.WriteLine($"Built {runner.Models.Count} models.");
    }

    /// <summary>Runs the data tests; returns false when any error-level test failed.</summary>
    public bool Check()
    {
        using var connection = OpenExisting();
        var runner = new ModelRunner(connection, clock);
        var outcomes = runner.Test();
        foreach (var o in outcomes.Where(o => !o.Passed))
        {
            output.WriteLine($"  {o.Status.ToUpperInvariant()} {o.Test.Model}: {o.Test.Name}: {o.FailingRows} failing row(s); see ops.test_failures");
        }

        var failed = outcomes.Count(o => o.Status == "fail");
        output.WriteLine($"Data tests: {outcomes.Count(o => o.Passed)} passed, {failed} failed, {outcomes.Count(o => o.Status == "warn")} warned.");
        return failed == 0;
    }

    public List<string> PartnerReports(string? unitId, bool all, string? wave, string outDir)
    {
        using var connection = OpenExisting();
        var waveId = wave ?? Strings(connection, "select max(wave_id) from core.ratings where network_id = 'ilead'").FirstOrDefault()
            ?? throw new PipelineInputException("There are no iLEAD ratings yet: ingest some, then transform, then report.");
        var units = all
            ? Strings(connection, "select distinct unit_id from core.ratings where network_id = 'ilead' order by 1")
            : [unitId ?? throw new PipelineInputException("Say which partnership: --partnership ID, or --all.")];
        var context = new ReportContext(outDir, config.MinCellSize, Version);
        var written = new List<string>();
        foreach (var unit in units)
        {
            var path = PartnerReport.Write(connection, unit, waveId, context);
            written.Add(path);
            output.WriteLine($"  {path}");
        }

        return written;
    }

    public void QueryTo(string sql, string format)
    {
        if (!File.Exists(config.Warehouse))
        {
            throw new PipelineInputException($"No warehouse at {config.Warehouse}: run 'rp init' (or 'rp demo') first.");
        }

        using var connection = new DuckDBConnection($"Data Source={config.Warehouse};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "").ToArray());
        }

        QueryFormatter.Write(output, format, names, rows);
    }

    internal DuckDBConnection OpenExisting()
    {
        if (!File.Exists(config.Warehouse))
        {
            throw new PipelineInputException($"No warehouse at {config.Warehouse}: run 'rp init' first.");
        }

        var connection = Warehouse.Open(config.Warehouse);
        Warehouse.EnsureSchema(connection);
        return connection;
    }

    internal static List<string> Strings(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var list = new List<string>();
        while (reader.Read())
        {
            if (!reader.IsDBNull(0))
            {
                list.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
            }
        }

        return list;
    }

    /// <summary>Folders expand to their files; reference files (frameworks, roster, waves) land before ratings.</summary>
    private static IEnumerable<string> Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var p in paths)
        {
            if (Directory.Exists(p))
            {
                files.AddRange(Directory.GetFiles(p).Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal));
            }
            else
            {
                files.Add(p);
            }
        }

        static int Rank(string f)
        {
            var name = Path.GetFileName(f).ToLowerInvariant();
            return name.EndsWith(".yaml", StringComparison.Ordinal) ? 0 : name.Contains("roster", StringComparison.Ordinal) ? 1 : name.Contains("waves", StringComparison.Ordinal) ? 2 : 3;
        }

        return files.OrderBy(Rank).ThenBy(f => f, StringComparer.Ordinal);
    }
}
