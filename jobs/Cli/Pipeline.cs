using System.Globalization;
using System.Reflection;
using DuckDB.NET.Data;
using ResearchPipeline.Ingest;
using ResearchPipeline.Ingest.Api;
using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Ingest.Spreadsheets;
using ResearchPipeline.Ingest.Surveys;
using ResearchPipeline.Jobs.Config;
using ResearchPipeline.Warehouse.Runs;
using ResearchPipeline.Models;
using ResearchPipeline.Reports;
using ResearchPipeline.Reports.Partner;
using ResearchPipeline.Transform.Publishing;
using ResearchPipeline.Transform.Runner;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Jobs.Cli;

/// <summary>The pipeline's operations as the commands run them; the composition root for ingest, transform and reports.</summary>
public sealed class Pipeline(PipelineConfig config, TextWriter output, TimeProvider clock)
{
    public static string Version =>
        typeof(Pipeline).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public PipelineConfig Config => config;

    public void Init()
    {
        using var connection = Db.Open(config.Warehouse);
        WarehouseSchema.Ensure(connection);
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
    public List<IngestResult> Ingest(IEnumerable<string> paths, string? mappingPath = null)
    {
        var given = mappingPath is null ? null : SurveyMappingLoader.Load(mappingPath);
        using var connection = OpenExisting();
        var key = PseudonymKey.Resolve(config.PseudonymKeyEnv, config.Warehouse, createIfMissing: false, out _);
        var options = new IngestOptions(new Pseudonymizer(key), clock);
        var results = new List<IngestResult>();
        foreach (var path in Expand(paths))
        {
            // A survey export takes the mapping given, else the one beside it: <name>.mapping.yaml.
            var beside = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileNameWithoutExtension(path) + ".mapping.yaml");
            var mapping = given ?? (File.Exists(beside) ? SurveyMappingLoader.Load(beside) : null);
            var result = IngestService.IngestFile(connection, path, options, mapping);
            results.Add(result);
            if (result.Status == IngestStatus.AlreadyIngested)
            {
                output.WriteLine($"{result.FileName}: already ingested as batch {result.BatchId}; nothing changed.");
                continue;
            }

            output.WriteLine($"{result.FileName}: {result.Kind} batch {result.BatchId}: read {result.RowsRead}, loaded {result.RowsLoaded}, quarantined {result.RowsQuarantined}, skipped {result.RowsSkipped}"
                + (result.SupersededRows > 0 ? $", replaced {result.SupersededRows} earlier ratings" : ""));
            foreach (var note in result.Notes)
            {
                output.WriteLine("  " + note);
            }

            // A refused row of a wide file quarantines each of its rating cells for the same reason: say it once.
            var described = result.Problems.GroupBy(p => p.Column is null || p.Reason.Contains("fields where the header has", StringComparison.Ordinal)
                    ? new RowProblem(p.SourceRow, null, null, p.Reason).Describe(result.FileName) : p.Describe(result.FileName))
                .Select(g => g.Count() == 1 ? g.Key : $"{g.Key} ({g.Count()} ratings)").ToList();
            foreach (var line in described.Take(10))
            {
                output.WriteLine("  quarantined: " + line);
            }

            if (described.Count > 10)
            {
                output.WriteLine($"  … and {described.Count - 10} more: select * from ops.quarantine where batch_id = {result.BatchId}");
            }
        }

        return results;
    }

    /// <summary>
    /// Ingests the new files of every inbox folder (spec section 7): each file with its folder's mapping (or the one
    /// beside it); a file that lands moves to processed/, a file that is refused moves to refused/ with its reason
    /// beside it, so that nothing is tried twice and nothing is lost.
    /// </summary>
    /// <summary>The files an inbox folder holds for ingesting (not mappings, not hidden files), in name order.</summary>
    public static List<string> InboxFiles(string folder) => !Directory.Exists(folder) ? [] : Directory.GetFiles(folder)
        .Where(f => !f.EndsWith(".mapping.yaml", StringComparison.OrdinalIgnoreCase) && !Path.GetFileName(f).StartsWith('.'))
        .Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        .Order(StringComparer.Ordinal).ToList();

    public (int Landed, int Refused) ScanInbox(TimeSpan settle = default)
    {
        int landed = 0, refused = 0, waiting = 0;
        foreach (var inbox in config.Inbox)
        {
            Directory.CreateDirectory(inbox.Path);
            foreach (var file in InboxFiles(inbox.Path))
            {
                // A file still being copied in is left for the next scan: only files untouched for `settle` are taken.
                if (settle > TimeSpan.Zero && clock.GetUtcNow() - File.GetLastWriteTimeUtc(file) < settle)
                {
                    waiting++;
                    continue;
                }

                string target;
                try
                {
                    Ingest([file], inbox.MappingPath);
                    target = Path.Combine(inbox.Path, "processed", Path.GetFileName(file));
                    landed++;
                }
                catch (PipelineInputException ex)
                {
                    output.WriteLine($"{Path.GetFileName(file)}: refused: {ex.Message.Split(Environment.NewLine)[0]}");
                    target = Path.Combine(inbox.Path, "refused", Path.GetFileName(file));
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.WriteAllText(target + ".error.txt", ex.Message + Environment.NewLine);
                    refused++;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Move(file, target, overwrite: true);
            }
        }

        output.WriteLine($"Inbox: {landed} file(s) landed, {refused} refused{(waiting > 0 ? $", {waiting} still being written (next scan)" : "")}.");
        return (landed, refused);
    }

    /// <summary>
    /// One full pass (spec section 8, <c>rp run</c>): pull, inbox, transform, check, publish, reports, under the writer
    /// lock, each step recorded in ops.runs. A failed step stops the pass (nothing is published from failed checks).
    /// Returns 0 when everything succeeded, 1 otherwise (including: skipped because another writer holds the warehouse).
    /// </summary>
    public int RunAll() => Exclusive("run", RunAllLocked);

    /// <summary>The full pass, for a caller that already holds the writer lock.</summary>
    public int RunAllLocked()
    {
        if (!File.Exists(config.Warehouse))
        {
            Init();
        }

        var steps = new (string Name, Func<string?> Action)[]
        {
            ("pull", () => Pull(null) ? null : "a source failed (see above)"),
            ("scan_inbox", () =>
            {
                ScanInbox(); // a refused file is set aside with its reason; it does not fail the pass
                return null;
            }),
            ("transform", () =>
            {
                Transform();
                return null;
            }),
            ("check", () => Check() ? null : "an error-level data test failed: nothing is published"),
            ("publish", () =>
            {
                Publish();
                return null;
            }),
            ("reports", () =>
            {
                Reports();
                return null;
            }),
        };
        var ok = true;
        var summary = new List<string>();
        foreach (var (name, action) in steps)
        {
            output.WriteLine($"== {name}");
            var (failure, threw) = Recorded("run:" + name, action, f => f ?? "ok");
            if (threw)
            {
                output.WriteLine($"{name}: FAILED: {failure}");
            }

            summary.Add($"  {name,-11} {(failure is null ? "succeeded" : "failed: " + failure)}");
            if (failure is not null)
            {
                ok = false;
                break;
            }
        }

        output.WriteLine("Run summary:");
        foreach (var line in summary)
        {
            output.WriteLine(line);
        }

        return ok ? 0 : 1;
    }

    /// <summary>
    /// Runs one step as a recorded job: a 'running' row in ops.runs first, then its status and message. A step fails by
    /// returning why, or by throwing one of the errors a step can meet (then <c>Threw</c> is true).
    /// </summary>
    internal (string? Failure, bool Threw) Recorded(string job, Func<string?> step, Func<string?, string> message)
    {
        long runId;
        using (var connection = OpenExisting())
        {
            runId = new RunLog(connection, clock).Start(job);
        }

        string? failure;
        var threw = false;
        try
        {
            failure = step();
        }
        catch (Exception ex) when (ex is PipelineInputException or DuckDBException or IOException or PullFailedException)
        {
            failure = ex.Message.Split(Environment.NewLine)[0];
            threw = true;
        }

        using (var connection = OpenExisting())
        {
            new RunLog(connection, clock).Finish(runId, failure is null ? "succeeded" : "failed", message(failure));
        }

        return (failure, threw);
    }

    /// <summary>Runs a command that writes the warehouse under the writer lock; when another job holds it, says so and returns 1.</summary>
    public int Exclusive(string job, Func<int> action)
    {
        using var writer = WriterLock.TryAcquire(config.Warehouse, job, clock, out var heldBy);
        if (writer is null)
        {
            output.WriteLine($"Skipped: the warehouse is being written by {heldBy}; try again when it is done.");
            return 1;
        }

        return action();
    }

    /// <summary>Every report the warehouse has data for: partners' (latest iLEAD wave), the hub review, IC-map reports.</summary>
    public void Reports()
    {
        using (var connection = OpenExisting())
        {
            if (Strings(connection, "select 1 from core.ratings where network_id = 'ilead' limit 1").Count == 0)
            {
                output.WriteLine("No iLEAD ratings: no partner reports or hub review.");
            }
            else
            {
                connection.Close();
                PartnerReports(null, all: true, wave: null, config.ReportsOut);
                HubReport("ilead-dp-2018", null, config.ReportsOut);
            }
        }

        IcReports(null, all: true, wave: null, config.ReportsOut);
    }

    /// <summary>Pulls every configured API source (or the one named); returns false when any pull failed.</summary>
    public bool Pull(string? only)
    {
        var sources = config.Sources.Where(s => only is null || s.Name == only).ToList();
        if (only is not null && sources.Count == 0)
        {
            throw new PipelineInputException($"--source {only}: no such source in the config (sources: {string.Join(", ", config.Sources.Select(s => s.Name))}).");
        }

        if (sources.Count == 0)
        {
            output.WriteLine("No API sources are configured (sources: in the pipeline config); nothing to pull.");
            return true;
        }

        var tokens = new Dictionary<string, string>();
        foreach (var source in sources)
        {
            tokens[source.Name] = Environment.GetEnvironmentVariable(source.TokenEnv) is { Length: > 0 } token
                ? token
                : throw new PipelineInputException($"{source.Name}: the environment variable {source.TokenEnv} is not set; put the source's API token in it.");
        }

        using var connection = OpenExisting();
        using var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var key = PseudonymKey.Resolve(config.PseudonymKeyEnv, config.Warehouse, createIfMissing: false, out _);
        var options = new IngestOptions(new Pseudonymizer(key), clock);
        var ok = true;
        foreach (var source in sources)
        {
            try
            {
                var r = PullService.PullAsync(connection, source, tokens[source.Name], client, config.LandingFolder, options).GetAwaiter().GetResult();
                var landed = r.Batch is null ? "nothing new"
                    : r.Batch.Status == IngestStatus.AlreadyIngested ? $"already landed as batch {r.Batch.BatchId}"
                    : $"batch {r.Batch.BatchId}: read {r.Batch.RowsRead}, loaded {r.Batch.RowsLoaded}, quarantined {r.Batch.RowsQuarantined}, skipped {r.Batch.RowsSkipped}";
                output.WriteLine($"{r.Source} ({r.Kind}): fetched {r.Fetched} response(s); {landed}; watermark {r.OldWatermark ?? "(none)"} → {r.NewWatermark ?? "(none)"}; {r.Attempts} HTTP attempt(s)");
                foreach (var note in r.Batch?.Notes ?? [])
                {
                    output.WriteLine("  " + note);
                }
            }
            catch (PullFailedException ex)
            {
                ok = false;
                output.WriteLine($"{source.Name}: FAILED: {ex.Message}");
            }
        }

        return ok;
    }

    public BuildResult Transform(bool full = false)
    {
        using var connection = OpenExisting();
        var runner = new ModelRunner(connection, clock);
        var result = runner.Build(full);
        output.WriteLine(result.Full
            ? $"Rebuilt all {result.Models} models ({result.Reason})."
            : result.ScopeRows == 0
                ? $"Nothing new since batch {result.LastBatchId}: incremental models unchanged, views refreshed."
                : $"Incremental build: {result.ScopeRows} framework × unit × wave combination(s) recomputed from batches up to {result.LastBatchId}.");
        return result;
    }

    /// <summary>Runs the data tests; returns false when any error-level test failed.</summary>
    public bool Check()
    {
        using var connection = OpenExisting();
        if (Strings(connection, "select table_name from duckdb_tables() where schema_name = 'marts' limit 1").Count == 0)
        {
            throw new PipelineInputException($"Nothing to check in {config.Warehouse}: the models are not built yet; run 'rp transform' first.");
        }

        var runner = new ModelRunner(connection, clock);
        var outcomes = runner.Test();
        var runId = Strings(connection, "select max(run_id) from ops.test_results").Single();
        foreach (var o in outcomes.Where(o => !o.Passed))
        {
            output.WriteLine($"  {o.Status.ToUpperInvariant()} {o.Test.Model}: {o.Test.Name}: {o.FailingRows} failing row(s). {o.Test.Description}");
            using var rows = connection.CreateCommand();
            rows.CommandText = "select row_json from ops.test_failures where run_id = $1 and model = $2 and test_name = $3 limit 5";
            rows.Parameters.Add(new DuckDBParameter(long.Parse(runId, CultureInfo.InvariantCulture)));
            rows.Parameters.Add(new DuckDBParameter(o.Test.Model));
            rows.Parameters.Add(new DuckDBParameter(o.Test.Name));
            using var reader = rows.ExecuteReader();
            while (reader.Read())
            {
                output.WriteLine("      " + reader.GetString(0));
            }

            if (o.FailingRows > 5)
            {
                output.WriteLine($"      … all of them: select row_json from ops.test_failures where run_id = {runId} and test_name = '{o.Test.Name.Replace("'", "''", StringComparison.Ordinal)}'");
            }
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
        var context = Context(outDir);
        var written = new List<string>();
        foreach (var unit in units)
        {
            var path = PartnerReport.Write(connection, unit, waveId, context);
            written.Add(path);
            output.WriteLine($"  {path}");
        }

        return written;
    }

    /// <summary>The hub review for a wave (default: the latest with ratings).</summary>
    public string HubReport(string frameworkId, string? wave, string outDir)
    {
        using var connection = OpenExisting();
        var waveId = wave ?? Strings(connection, $"select max(wave_id) from core.ratings where framework_id = '{frameworkId.Replace("'", "''", StringComparison.Ordinal)}'").FirstOrDefault()
            ?? throw new PipelineInputException($"There are no {frameworkId} ratings yet: ingest some, then transform, then report.");
        var path = ResearchPipeline.Reports.Hub.HubReport.Write(connection, frameworkId, waveId, Context(outDir));
        output.WriteLine($"  {path}");
        return path;
    }

    /// <summary>IC-map reports for one TXNSI team or all of them, for a wave (default: each team's latest).</summary>
    public List<string> IcReports(string? team, bool all, string? wave, string outDir)
    {
        using var connection = OpenExisting();
        var teams = all
            ? Strings(connection, "select distinct unit_id from marts.ic_role_outcome_levels order by 1")
            : [team ?? throw new PipelineInputException("Say which team: --team ID, or --all.")];
        var written = new List<string>();
        foreach (var unit in teams)
        {
            using var latest = connection.CreateCommand();
            latest.CommandText = "select max(wave_id) from marts.ic_role_outcome_levels where unit_id = $1";
            latest.Parameters.Add(new DuckDBParameter(unit));
            var waveId = wave ?? latest.ExecuteScalar() as string
                ?? throw new PipelineInputException($"{unit} has no IC-map ratings (is it a TXNSI team, and has the warehouse been transformed?).");
            var path = ResearchPipeline.Reports.Ic.IcReport.Write(connection, unit, waveId, Context(outDir));
            written.Add(path);
            output.WriteLine($"  {path}");
        }

        return written;
    }

    /// <summary>The conference paper pack, built from the published snapshot so that its manifest's SQL can be rerun on it.</summary>
    public string PaperPack(string specPath, string outDir)
    {
        var spec = ResearchPipeline.Reports.Paper.PaperSpec.Load(specPath);
        using var connection = OpenSnapshot();
        var result = ResearchPipeline.Reports.Paper.PaperPack.Write(connection, spec, Context(outDir));
        output.WriteLine($"  {result.Folder}: {result.Files.Count} files (manifest.json lists the SQL behind each)");
        return result.Folder;
    }

    private ReportContext Context(string outDir)
    {
        var manifest = Path.Combine(config.PublishTo, SnapshotPublisher.ManifestFileName);
        string? hash = null;
        if (File.Exists(manifest))
        {
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(manifest));
            hash = json.RootElement.TryGetProperty("sha256", out var sha) ? sha.GetString() : null;
        }

        return new ReportContext(outDir, config.MinCellSize, Version) { SnapshotHash = hash };
    }

    /// <summary>Writes the researchers' read-only snapshot, its data dictionary and manifest into publish_to.</summary>
    public PublishResult Publish()
    {
        using var connection = OpenExisting();
        var result = new SnapshotPublisher(connection, clock).Publish(config.PublishTo, Version);
        output.WriteLine($"Published {result.SnapshotPath} (read-only, SHA-256 {result.Sha256[..16]}…, batches up to {result.LastBatchId}).");
        output.WriteLine($"  {result.Tables.Count} tables, {result.Dictionary.Select(e => e.Relation).Distinct().Count(r => r.StartsWith("research.", StringComparison.Ordinal))} research views; ratings: {result.Tables.FirstOrDefault(t => t.Relation == "core.ratings").Rows}");
        output.WriteLine($"  data dictionary: {result.DictionaryMarkdown} and {Path.GetFileName(result.DictionaryHtml)}");
        return result;
    }

    /// <summary>Runs one read-only query against the published snapshot and prints it.</summary>
    public void QueryTo(string sql, string format)
    {
        using var connection = OpenSnapshot();
        var (names, rows) = Run(connection, sql);
        QueryFormatter.Write(output, format, names, rows);
    }

    /// <summary>Writes every research view of the published snapshot to DIR as Parquet or CSV (formulas neutralized).</summary>
    public List<(string File, long Rows)> Export(string format, string outDir)
    {
        if (format is not ("parquet" or "csv"))
        {
            throw new PipelineInputException($"--format {format}: export writes parquet or csv.");
        }

        using var connection = OpenSnapshot();
        var views = Strings(connection, "select table_name from information_schema.tables where table_schema = 'research' order by table_name");
        Directory.CreateDirectory(outDir);
        var staging = Path.Combine(outDir, $".export-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        var written = new List<(string, long)>();
        try
        {
            foreach (var view in views)
            {
                var file = Path.Combine(staging, $"{view}.{format}");
                long rows;
                if (format == "parquet")
                {
                    // The snapshot is read-only, so the count and the copy see the same rows.
                    rows = long.Parse(Strings(connection, $"select count(*) from research.{view}")[0], CultureInfo.InvariantCulture);
                    using var copy = connection.CreateCommand();
                    copy.CommandText = $"copy (select * from research.{view}) to '{file.Replace("'", "''", StringComparison.Ordinal)}' (format parquet)";
                    copy.ExecuteNonQuery();
                }
                else
                {
                    rows = WriteCsv(connection, $"select * from research.{view}", file);
                }

                written.Add((Path.Combine(outDir, Path.GetFileName(file)), rows));
            }

            foreach (var extra in new[] { SnapshotPublisher.DictionaryMarkdownFileName, SnapshotPublisher.DictionaryHtmlFileName, SnapshotPublisher.ManifestFileName })
            {
                var from = Path.Combine(config.PublishTo, extra);
                if (File.Exists(from))
                {
                    File.Copy(from, Path.Combine(staging, extra), overwrite: true);
                }
            }

            foreach (var file in Directory.GetFiles(staging))
            {
                File.Move(file, Path.Combine(outDir, Path.GetFileName(file)), overwrite: true);
            }
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }

        foreach (var (file, rows) in written)
        {
            output.WriteLine($"  {file}: {rows} rows");
        }

        output.WriteLine($"Exported {written.Count} research views as {format} to {outDir} (with the data dictionary and manifest).");
        return written;
    }

    /// <summary>Writes the partnership workbook for a wave: what the hub sends out is exactly what comes back in.</summary>
    public string ExportTemplate(string network, string waveId, string outPath)
    {
        using var connection = OpenExisting();
        var path = outPath.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? outPath : Path.Combine(outPath, $"self-assessment-{network}-{waveId}.xlsx");
        var result = WorkbookTemplate.Write(connection, network, waveId, path);
        output.WriteLine($"Wrote {result.Path}: {result.Sheets} sheets (one per unit), {result.Objectives} rows each, for wave {waveId} ({result.FrameworkId}).");
        output.WriteLine($"  Send it out; when it comes back filled in: rp ingest {Path.GetFileName(result.Path)}");
        return result.Path;
    }

    private static long WriteCsv(DuckDBConnection connection, string sql, string path)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false));
        writer.NewLine = "\r\n";
        writer.WriteLine(string.Join(',', Enumerable.Range(0, reader.FieldCount).Select(i => QueryFormatter.Csv(reader.GetName(i)))));
        long rows = 0;
        var values = new object?[reader.FieldCount];
        while (reader.Read())
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            writer.WriteLine(string.Join(',', values.Select(QueryFormatter.Csv)));
            rows++;
        }

        return rows;
    }

    /// <summary>
    /// The published snapshot, opened read-only with external access off: a query can read the snapshot and nothing
    /// else, and can write nothing (no ATTACH of another file, no COPY TO, no INSTALL).
    /// </summary>
    internal DuckDBConnection OpenSnapshot()
    {
        var path = Path.Combine(config.PublishTo, SnapshotPublisher.SnapshotFileName);
        if (!File.Exists(path))
        {
            throw new PipelineInputException($"No published snapshot at {path}: run 'rp publish' (or 'rp demo') first.");
        }

        var connection = new DuckDBConnection($"Data Source={path};ACCESS_MODE=READ_ONLY");
        connection.Open();
        return connection;
    }

    private static (List<string> Names, List<object?[]> Rows) Run(DuckDBConnection connection, string sql)
    {
        using (var guard = connection.CreateCommand())
        {
            guard.CommandText = "set enable_external_access = false; set lock_configuration = true;";
            guard.ExecuteNonQuery();
        }

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

    internal DuckDBConnection OpenExisting()
    {
        if (!File.Exists(config.Warehouse))
        {
            throw new PipelineInputException($"No warehouse at {config.Warehouse}: run 'rp init' first.");
        }

        var connection = Db.Open(config.Warehouse);
        WarehouseSchema.Ensure(connection);
        return connection;
    }

    internal static List<string> Strings(DuckDBConnection connection, string sql) => Db.Strings(connection, sql);

    /// <summary>Folders expand to their files; reference files (frameworks, roster, waves) land before ratings.</summary>
    private static IEnumerable<string> Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var p in paths)
        {
            if (Directory.Exists(p))
            {
                // Mapping files (*.mapping.yaml) describe the exports beside them; they are not ingested themselves.
                files.AddRange(Directory.GetFiles(p)
                    .Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase)
                                || f.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)
                                || (f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) && !f.EndsWith(".mapping.yaml", StringComparison.OrdinalIgnoreCase)))
                    .Order(StringComparer.Ordinal));
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
