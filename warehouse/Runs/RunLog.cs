using DuckDB.NET.Data;

namespace ResearchPipeline.Warehouse.Runs;

/// <summary>
/// Records job runs in ops.runs: a 'running' row when a run starts, then its status and message. The only code that
/// writes ops.runs.
/// </summary>
public sealed class RunLog(DuckDBConnection connection, TimeProvider clock)
{
    /// <summary>How long a message may be: the reason, never a dump of output.</summary>
    public const int MaxMessage = 2000;

    public long Start(string job)
    {
        var id = Db.Scalar<long>(connection, "select coalesce(max(run_id), 0) + 1 from ops.runs");
        Db.Execute(connection, "insert into ops.runs values ($1, $2, $3, null, 'running', null)", id, job, clock.GetUtcNow().UtcDateTime);
        return id;
    }

    public void Finish(long runId, RunStatus status, string? message) =>
        Db.Execute(connection, "update ops.runs set finished_at = $2, status = $3, message = $4 where run_id = $1",
            runId, clock.GetUtcNow().UtcDateTime, Text(status), message is { Length: > MaxMessage } ? message[..MaxMessage] : message);

    /// <summary>A run that did not happen (the writer lock was taken), recorded as skipped.</summary>
    public void Skipped(string job, string why)
    {
        var id = Start(job);
        Finish(id, RunStatus.Skipped, why);
    }

    /// <summary>
    /// Closes the runs left 'running' by a process that ended without finishing them. Called by a writer that holds the
    /// writer lock, so no run can still be going. Returns how many were closed.
    /// </summary>
    public int CloseInterrupted(string noticedBy) =>
        Db.Execute(connection, """
            update ops.runs set status = 'interrupted', finished_at = $1,
              message = 'interrupted: the process ended before the run finished (noticed when ' || $2 || ' started)'
            where status = 'running'
            """, clock.GetUtcNow().UtcDateTime, noticedBy);

    public static string Text(RunStatus status) => status.ToString().ToLowerInvariant();
}
