using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using DuckDB.NET.Data;
using ResearchPipeline.Models;
using ResearchPipeline.Transform.Runner;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Transform.Publishing;

/// <summary>
/// Writes the researchers' snapshot (spec section 5): a separate DuckDB file with the public tables (core, marts and
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

    public PublishResult Publish(string folder, string pipelineVersion)
    {
        var models = ModelCatalog.Load();
        var sources = ModelCatalog.Sources();
        var missing = models.Where(m => m.Layer == "marts" && !TableExists(m.Layer, m.Name)).Select(m => m.Relation).ToList();
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

        var failed = Convert.ToInt64(Db.Scalar(working, "select count(*) from ops.test_results where status = 'fail' and run_id = (select max(run_id) from ops.test_results)"), CultureInfo.InvariantCulture);
        if (failed > 0)
        {
            throw new PipelineInputException($"Not publishing: {failed} error-level data test(s) failed in the last check. Run 'rp check' to see the failing rows, fix the data, and transform again.");
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
            var tables = CopyPublicTables(tmpDb, models, sources);
            var lastBatch = newest; // checked above: the transform took in every batch up to it
            List<DictionaryEntry> dictionary;
            using (var snapshot = new DuckDBConnection($"Data Source={tmpDb}"))
            {
                snapshot.Open();
                Db.Execute(snapshot, "create schema if not exists research");
                foreach (var view in models.Where(m => m.Layer == "research"))
                {
                    Db.Execute(snapshot, $"create view {view.Relation} as {view.Sql}");
                }

                Db.Execute(snapshot, "create table ops.snapshot_info (published_at timestamp, pipeline_version varchar, last_batch_id bigint, ratings bigint)");
                using (var info = snapshot.CreateCommand())
                {
                    info.CommandText = "insert into ops.snapshot_info select $1, $2, $3, (select count(*) from core.ratings)";
                    info.Parameters.Add(new DuckDBParameter(publishedAt));
                    info.Parameters.Add(new DuckDBParameter(pipelineVersion));
                    info.Parameters.Add(new DuckDBParameter(lastBatch));
                    info.ExecuteNonQuery();
                }

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
                Path.Combine(folder, DictionaryHtmlFileName), dictionary);
        }
        finally
        {
            foreach (var leftover in new[] { tmpDb, tmpDb + ".wal", tmp + ".md", tmp + ".html", tmp + ".json" }.Where(File.Exists))
            {
                File.Delete(leftover);
            }
        }
    }

    /// <summary>Copies the public tables into the new file in one transaction of the working warehouse (one consistent state).</summary>
    private List<(string Relation, long Rows)> CopyPublicTables(string tmpDb, IReadOnlyList<SqlModel> models, IReadOnlyList<SourceTable> sources)
    {
        var tables = sources.Where(s => s.Published).Select(s => (s.Table, s.Withheld, s.Redaction))
            .Concat(models.Where(m => m.Layer == "marts" && m.Materialized != "view").Select(m => (Table: m.Relation, Withheld: (IReadOnlyList<string>)[], Redaction: (Redaction?)null)))
            .ToList();
        var counts = new List<(string, long)>();
        Db.Execute(working, $"attach '{tmpDb.Replace("'", "''", StringComparison.Ordinal)}' as snapshot_out");
        try
        {
            using var tx = working.BeginTransaction();
            foreach (var schema in DataDictionaryBuilder.PublicSchemas)
            {
                Db.Execute(working, $"create schema if not exists snapshot_out.{schema}");
            }

            foreach (var (table, withheld, redaction) in tables)
            {
                var schema = table.Split('.')[0];
                var name = table.Split('.')[1];
                if (!TableExists(schema, name))
                {
                    continue; // an ops table that no job has created yet
                }

                var select = withheld.Count == 0 ? "*" : $"* exclude ({string.Join(", ", withheld)})";
                if (redaction is not null)
                {
                    var values = string.Join(", ", redaction.Values.Select(v => "'" + v.Replace("'", "''", StringComparison.Ordinal) + "'"));
                    select += $" replace (case when {redaction.WhenColumn} in ({values}) then null else {redaction.Column} end as {redaction.Column})";
                }

                Db.Execute(working, $"create table snapshot_out.{table} as select {select} from {table}");
                counts.Add((table, Convert.ToInt64(Db.Scalar(working, $"select count(*) from snapshot_out.{table}"), CultureInfo.InvariantCulture)));
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
