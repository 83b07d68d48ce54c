using DuckDB.NET.Data;
using ResearchPipeline.Ingest.LongFormat;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Ingest.Landing;

/// <summary>
/// Lands one file as one batch inside one transaction: raw rows with lineage, quarantine entries,
/// canonical ratings. A crash anywhere leaves no trace; the same file (by sha256) lands once.
/// A later batch's rating replaces an earlier one with the same natural key, which stays in raw, marked superseded.
/// </summary>
public static class BatchLander
{
    public sealed record Batch(string SourceName, SourceKind Kind, string FileName, string Sha256, bool IsSynthetic);

    /// <summary>Returns the batch id that already holds this file, if it was landed before.</summary>
    public static long? ExistingBatch(DuckDBConnection connection, string sha256) =>
        Db.Scalar<long?>(connection, "select min(batch_id) from ops.ingest_batches where sha256 = $1 and status = 'loaded'", sha256);

    private static readonly string[] ReferenceKinds = [SourceKind.Roster.Name, SourceKind.Waves.Name, SourceKind.Framework.Name];

    /// <summary>
    /// When this file (by SHA-256) landed before: what that batch did, for a re-ingest that changes nothing; else null.
    /// A ratings file whose last landing quarantined rows is read again once reference data (a roster, waves, a
    /// framework) has landed since: the rows quarantined for a unit or wave that did not exist yet land now.
    /// </summary>
    public static IngestResult? AlreadyLanded(DuckDBConnection connection, string fileName, string sha256, SourceKind kind)
    {
        if (ExistingBatch(connection, sha256) is not { } batchId)
        {
            return null;
        }

        if (!ReferenceKinds.Contains(kind.Name) && Db.Count(connection, $"""
                select count(*) from ops.ingest_batches b
                where b.batch_id = (select max(batch_id) from ops.ingest_batches where sha256 = $1 and status = 'loaded') and b.rows_quarantined > 0
                  and exists (select 1 from ops.ingest_batches r where r.batch_id > b.batch_id and r.status = 'loaded'
                              and r.source_kind in ({string.Join(", ", ReferenceKinds.Select(Db.Literal))}))
                """, sha256) > 0)
        {
            return null;
        }

        var row = Db.Rows(connection, "select rows_read, rows_loaded, rows_quarantined, rows_skipped from ops.ingest_batches where batch_id = $1", batchId)[0];
        return new IngestResult(fileName, kind, IngestStatus.AlreadyIngested, batchId, (long)row[0]!, (long)row[1]!, (long)row[2]!, (long)row[3]!, []);
    }

    public static long StartBatch(DuckDBConnection connection, Batch batch, DateTime startedAt)
    {
        var id = Db.Scalar<long>(connection, "select coalesce(max(batch_id), 0) + 1 from ops.ingest_batches");
        Db.Execute(connection,
            "insert into ops.ingest_batches values ($1, $2, $3, $4, $5, $6, null, 0, 0, 0, 0, 'loading', $7)",
            id, batch.SourceName, batch.Kind.Name, batch.FileName, batch.Sha256, startedAt, batch.IsSynthetic);
        return id;
    }

    public static void FinishBatch(DuckDBConnection connection, long batchId, DateTime finishedAt, long read, long loaded, long quarantined, long skipped) =>
        Db.Execute(connection,
            "update ops.ingest_batches set finished_at = $2, rows_read = $3, rows_loaded = $4, rows_quarantined = $5, rows_skipped = $6, status = 'loaded' where batch_id = $1",
            batchId, finishedAt, read, loaded, quarantined, skipped);

    public static void AppendQuarantine(DuckDBConnection connection, long batchId, IEnumerable<RowProblem> problems)
    {
        using var appender = connection.CreateAppender("ops", "quarantine");
        foreach (var p in problems)
        {
            appender.CreateRow().AppendValue(batchId).AppendValue(p.SourceRow).AppendValue(p.Column).AppendValue(p.RawValue)
                .AppendValue(p.Reason).AppendValue(p.UnitId).AppendValue(p.WaveId).EndRow();
        }
    }

    public static void AppendRaw(DuckDBConnection connection, long batchId, IReadOnlyList<LongRecord> records, IReadOnlyList<RecordOutcome> outcomes, IReadOnlyList<string?> raterKeys)
    {
        using var appender = connection.CreateAppender("raw", "long_ratings");
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            appender.CreateRow().AppendValue(batchId).AppendValue(r.SourceRow).AppendValue(r.Network).AppendValue(r.Framework)
                .AppendValue(r.Wave).AppendValue(r.Unit).AppendValue(r.Role).AppendValue(raterKeys[i]).AppendValue(r.Dimension)
                .AppendValue(r.Level).AppendValue(r.RatedAt).AppendValue(r.IsConsensus).AppendValue(r.Comment).AppendValue(outcomes[i].Text())
                .AppendValue(outcomes[i] == RecordOutcome.Superseded ? batchId : null).AppendValue(r.RecordNo).AppendValue(r.ColumnLabel("level"))
                .AppendValue(r.ResponseKey).EndRow();
        }
    }

    /// <summary>Adds ratings; earlier ratings with the same natural key are replaced and their raw rows marked superseded.</summary>
    public static long UpsertRatings(DuckDBConnection connection, long batchId, IReadOnlyList<CanonicalRating> ratings)
    {
        Db.Execute(connection, "create temp table if not exists pending_ratings as select * from core.ratings limit 0");
        Db.Execute(connection, "delete from pending_ratings");
        using (var appender = connection.CreateAppender("temp", "main", "pending_ratings"))
        {
            foreach (var r in ratings)
            {
                var row = appender.CreateRow().AppendValue(RatingId(batchId, r.RecordNo)).AppendValue(r.FrameworkId).AppendValue(r.NetworkId)
                    .AppendValue(r.UnitId).AppendValue(r.RoleCode).AppendValue(r.RaterKey).AppendValue(r.DimensionCode).AppendValue(r.WaveId)
                    .AppendValue(r.LevelValue).AppendValue(r.ProgressRank);
                row = r.RatedAt is null ? row.AppendNullValue() : row.AppendValue(r.RatedAt.Value);
                row.AppendValue(r.IsConsensus).AppendValue(r.Comment).AppendValue(batchId).AppendValue(r.SourceRow).EndRow();
            }
        }

        var superseded = ApplyPending(connection, batchId);
        Db.Execute(connection, "delete from pending_ratings");
        return superseded;
    }

    /// <summary>
    /// Moves pending ratings (a temporary table or view shaped like core.ratings) into core: ratings with the same natural key
    /// are taken out and their raw rows marked superseded by <paramref name="batchId"/>. Returns how many raw rows it marked.
    /// </summary>
    public static long ApplyPending(DuckDBConnection connection, long batchId, string pending = "pending_ratings")
    {
        Db.Execute(connection, Db.ReadSql(typeof(BatchLander).Assembly, "sql/replaced_ratings.sql").Replace("{pending}", pending, StringComparison.Ordinal));
        long superseded = 0;
        if (Db.Scalar<long>(connection, "select count(*) from replaced_ratings") > 0)
        {
            superseded = Db.Execute(connection, Db.ReadSql(typeof(BatchLander).Assembly, "sql/supersede_ratings.sql"), batchId);
            Db.Execute(connection, "delete from core.ratings where rating_id in (select rating_id from replaced_ratings)");
        }

        Db.Execute(connection, $"insert into core.ratings select * from {pending}; drop table replaced_ratings");
        return superseded;
    }

    /// <summary>Stable and traceable: the batch and the record (for long-format files, the row) it came from.</summary>
    public static long RatingId(long batchId, long recordNo) => checked((batchId * 100_000_000L) + recordNo);
}
