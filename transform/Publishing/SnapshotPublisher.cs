using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using DuckDB.NET.Data;
using ResearchPipeline.Models;
using ResearchPipeline.Transform.Runner;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Transform.Publishing;

/// <summary>
/// Writes the researchers' snapshot: a separate DuckDB file with the public tables (core, marts and
/// the public ops tables, minus withheld columns), the de-identified research views and the data dictionary.
/// It is built under a temporary name, made read-only and renamed over the previous snapshot in one step, so a
/// reader opens either the old file or the new one, never half of one; a reader holding the old file open keeps it
/// (POSIX rename) and does not block the next publish.
/// </summary>
public sealed class SnapshotPublisher(DuckDBConnection working, TimeProvider clock)
{
    public const string SnapshotFileName = "snapshot.duckdb";
    public const string DictionaryMarkdownFileName = "data-dictionary.md";
    public const string DictionaryHtmlFileName = "data-dictionary.html";
    public const string ManifestFileName = "manifest.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>A publish may lose at most this share of the published ratings without --allow-shrink.</summary>
    public const double MaxShrink = 0.10;

    public PublishResult Publish(string folder, string pipelineVersion, bool allowShrink = false)
    {
        var models = ModelCatalog.Load();
        var sources = ModelCatalog.Sources();
        var missing = models.Where(m => m.Layer == "marts" && Db.RelationKind(working, m.Layer, m.Name) is null).Select(m => m.Relation).ToList();
        if (missing.Count > 0)
        {
            throw new PipelineInputException($"Nothing to publish yet: {string.Join(", ", missing)} not built. Run 'rp transform' first.");
        }

        // Publish only what a build and its data tests vouch for: the snapshot must not pair new ratings with old marts.
        var built = Db.Scalar(working, "select max(value) from ops.transform_state where key = 'last_batch_id'") as string;
        var newest = Convert.ToInt64(Db.Scalar(working, "select coalesce(max(batch_id), 0) from ops.ingest_batches"), CultureInfo.InvariantCulture);
        if (built is null || long.Parse(built, CultureInfo.InvariantCulture) < newest)
        {
            throw new PipelineInputException($"Not publishing: batch {newest} landed after the last transform (which took in batches up to {built ?? "none"}). Run 'rp transform' first.");
        }

        var build = Db.Scalar(working, "select max(value) from ops.transform_state where key = 'build_id'") as string;
        var tested = Db.Scalar(working, "select max(value) from ops.transform_state where key = 'tested_build_id'") as string;
        if (build is not null && tested != build)
        {
            throw new PipelineInputException(
                $"Not publishing: build {build} has not been through its data tests{(tested is null ? "" : $" (the last tests ran on build {tested})")}: " +
                "they were interrupted, or not run. Run 'rp check', then publish.");
        }

        var failed = Convert.ToInt64(Db.Scalar(working, "select count(*) from ops.test_results where status = 'fail' and run_id = (select max(run_id) from ops.test_results)"), CultureInfo.InvariantCulture);
        if (failed > 0)
        {
            throw new PipelineInputException($"Not publishing: {failed} error-level data test(s) failed in the last check. Run 'rp check' to see the failing rows, fix the data, and transform again.");
        }

        // A snapshot that would lose most of what researchers have (a mistyped warehouse path, an emptied warehouse) is
        // refused unless asked for.
        var ratings = Db.Count(working, "select count(*) from core.ratings");
        if (!allowShrink && PublishedManifest.Read(folder)?.Ratings is { } before && ratings < before * (1 - MaxShrink))
        {
            throw new PipelineInputException(
                $"Not publishing: the new snapshot would hold {ratings:N0} ratings where the published one holds {before:N0} " +
                $"({(ratings - before) * 100.0 / before:0}%); a publish may lose at most {MaxShrink:P0} of them. Is this the right warehouse? " +
                "If the loss is intended (data withdrawn, a warehouse rebuilt), run 'rp publish --allow-shrink'.");
        }

        Directory.CreateDirectory(folder);
        foreach (var leftover in Directory.GetFiles(folder, ".snapshot-*"))
        {
            File.Delete(leftover); // from a publish that was killed: never visible under the real names
        }

        var publishedAt = clock.GetUtcNow().UtcDateTime;
        var tmp = Path.Combine(folder, $".snapshot-{Guid.NewGuid():N}");
        var tmpDb = tmp + ".duckdb";
        try
        {
            var tables = CopyPublicTables(tmpDb);
            var lastBatch = newest; // checked above: the transform took in every batch up to it
            List<DictionaryEntry> dictionary;
            string content;
            using (var snapshot = Db.Open(tmpDb))
            {
                Db.Execute(snapshot, "create schema if not exists research");
                foreach (var view in models.Where(m => m.Layer == "research"))
                {
                    Db.Execute(snapshot, $"create view {view.Relation} as {view.Sql}");
                }

                content = ContentHashOf(snapshot, isSnapshot: true);
                Db.Execute(snapshot, "create table ops.snapshot_info (published_at timestamp, pipeline_version varchar, last_batch_id bigint, ratings bigint, content_sha256 varchar)");
                Db.Execute(snapshot, "insert into ops.snapshot_info select $1, $2, $3, (select count(*) from core.ratings), $4", publishedAt, pipelineVersion, lastBatch, content);

                Db.Execute(snapshot, """
                    create table ops.data_dictionary (schema_name varchar, table_name varchar, table_kind varchar, table_description varchar,
                      table_source varchar, column_position integer, column_name varchar, data_type varchar, column_description varchar)
                    """);
                dictionary = DataDictionaryBuilder.Read(snapshot, models, sources);
                using (var appender = snapshot.CreateAppender("ops", "data_dictionary"))
                {
                    foreach (var e in dictionary)
                    {
                        appender.CreateRow().AppendValue(e.Schema).AppendValue(e.Table).AppendValue(e.Kind).AppendValue(e.TableDescription)
                            .AppendValue(e.TableSource).AppendValue(e.Position).AppendValue(e.Column).AppendValue(e.DataType).AppendValue(e.ColumnDescription).EndRow();
                    }
                }

                Db.Execute(snapshot, "checkpoint");
            }

            if (File.Exists(tmpDb + ".wal"))
            {
                throw new InvalidOperationException($"The snapshot {tmpDb} still has a write-ahead log after closing; not publishing it.");
            }

            var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(tmpDb)));
            var header = $"Published {publishedAt:yyyy-MM-dd HH:mm:ss} UTC by ResearchPipeline {pipelineVersion}; snapshot {SnapshotFileName}, SHA-256 {sha}; " +
                         $"includes batches up to {lastBatch}. Open it read-only, for example: duckdb -readonly {SnapshotFileName}. " +
                         "The same dictionary is inside the snapshot as ops.data_dictionary.";
            var markdown = DataDictionaryBuilder.Markdown(dictionary, header);
            var html = DataDictionaryBuilder.Html(dictionary, header);
            File.WriteAllText(tmp + ".md", markdown);
            File.WriteAllText(tmp + ".html", html);
            File.WriteAllText(tmp + ".json", JsonSerializer.Serialize(new
            {
                snapshot = SnapshotFileName,
                sha256 = sha,
                content_sha256 = content,
                published_at = publishedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                pipeline_version = pipelineVersion,
                last_batch_id = lastBatch,
                tables = tables.Select(t => new { name = t.Relation, rows = t.Rows }),
            }, Indented));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(tmpDb, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }

            var target = Path.Combine(folder, SnapshotFileName);
            File.Move(tmpDb, target, overwrite: true); // the switch: rename(2) replaces the old snapshot atomically
            File.Move(tmp + ".md", Path.Combine(folder, DictionaryMarkdownFileName), overwrite: true);
            File.Move(tmp + ".html", Path.Combine(folder, DictionaryHtmlFileName), overwrite: true);
            File.Move(tmp + ".json", Path.Combine(folder, ManifestFileName), overwrite: true);
            return new PublishResult(target, sha, publishedAt, lastBatch, tables, Path.Combine(folder, DictionaryMarkdownFileName),
                Path.Combine(folder, DictionaryHtmlFileName), dictionary) { ContentSha256 = content };
        }
        finally
        {
            foreach (var leftover in new[] { tmpDb, tmpDb + ".wal", tmp + ".md", tmp + ".html", tmp + ".json" }.Where(File.Exists))
            {
                File.Delete(leftover);
            }
        }
    }

    /// <summary>
    /// The tables a snapshot holds and how each is read from the working warehouse (withheld columns left out,
    /// quoted values and email addresses masked in free text), and whether it counts towards the content hash: every table but the per-run logs.
    /// </summary>
    public static IReadOnlyList<PublicTable> PublicTables()
    {
        var models = ModelCatalog.Load();
        var sources = ModelCatalog.Sources();
        return sources.Where(s => s.Published).Select(s => (s.Table, s.Withheld, s.Masked))
            .Concat(models.Where(m => m.Layer == "marts" && m.Materialized != "view").Select(m => (Table: m.Relation, Withheld: (IReadOnlyList<string>)[], Masked: (IReadOnlyList<string>)[])))
            .Select(t => new PublicTable(t.Table, SelectList(t.Withheld, t.Masked), !RunLogs.Contains(t.Table)))
            .ToList();
    }

    /// <summary>
    /// The content hash of a snapshot (<paramref name="isSnapshot"/>), or of what a snapshot published now from a working
    /// warehouse would hold: the same data gives the same hash either way, so it can be compared with a manifest's content_sha256.
    /// </summary>
    public static string ContentHashOf(DuckDBConnection connection, bool isSnapshot) =>
        ContentHash.Of(connection, PublicTables().Where(t => t.InContentHash && Db.RelationKind(connection, t.Schema, t.Name) == "table")
            .Select(t => (t.Relation, $"select {(isSnapshot ? "*" : t.Select)} from {t.Relation}")));

    // Logs of runs and checks change with every run; the content hash is of the data.
    private static readonly string[] RunLogs = ["ops.runs", "ops.test_results"];

    private static string SelectList(IReadOnlyList<string> withheld, IReadOnlyList<string> masked)
    {
        var select = withheld.Count == 0 ? "*" : $"* exclude ({string.Join(", ", withheld)})";
        if (masked.Count > 0)
        {
            select += $" replace ({string.Join(", ", masked.Select(c => $"{Masking.Sql(c)} as {c}"))})";
        }

        return select;
    }

    /// <summary>Copies the public tables into the new file in one transaction of the working warehouse (one consistent state).</summary>
    private List<(string Relation, long Rows)> CopyPublicTables(string tmpDb)
    {
        var counts = new List<(string, long)>();
        Db.Execute(working, $"attach {Db.Literal(tmpDb)} as snapshot_out");
        try
        {
            using var tx = working.BeginTransaction();
            foreach (var schema in DataDictionaryBuilder.PublicSchemas)
            {
                Db.Execute(working, $"create schema if not exists snapshot_out.{schema}");
            }

            foreach (var table in PublicTables())
            {
                if (!TableExists(table.Schema, table.Name))
                {
                    continue; // an ops table that no job has created yet
                }

                Db.Execute(working, $"create table snapshot_out.{table.Relation} as select {table.Select} from {table.Relation}");
                counts.Add((table.Relation, Db.Count(working, $"select count(*) from snapshot_out.{table.Relation}")));
            }

            tx.Commit();
        }
        finally
        {
            Db.Execute(working, "detach snapshot_out");
        }

        return counts;
    }

    private bool TableExists(string schema, string name) => Db.RelationKind(working, schema, name) == "table";

}
