using DuckDB.NET.Data;

namespace ResearchPipeline.Warehouse.Runs;

/// <summary>Records job runs in ops.runs (spec section 5): started, then finished with its status and message.</summary>
public sealed class RunLog(DuckDBConnection connection, TimeProvider clock)
{
    public long Start(string job)
    {
        var id = Db.Scalar<long>(connection, "select coalesce(max(run_id), 0) + 1 from ops.runs");
        Db.Execute(connection, "insert into ops.runs values ($1, $2, $3, null, 'running', null)", id, job, clock.GetUtcNow().UtcDateTime);
        return id;
    }

    public void Finish(long runId, string status, string? message) =>
        Db.Execute(connection, "update ops.runs set finished_at = $2, status = $3, message = $4 where run_id = $1",
            runId, clock.GetUtcNow().UtcDateTime, status, message is { Length: > 2000 } ? message[..2000] : message);

    /// <summary>A run that did not happen (the writer lock was taken), recorded as skipped.</summary>
    public void Skipped(string job, string why)
    {
        var id = Start(job);
        Finish(id, "skipped", why);
    }
}
