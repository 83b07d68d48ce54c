using DuckDB.NET.Data;
using ResearchPipeline.Jobs.Cli;
using ResearchPipeline.Warehouse;
using ResearchPipeline.Warehouse.Runs;

namespace ResearchPipeline.Jobs.Runs;

/// <summary>
/// The one way a job that writes the warehouse runs, from the command line and from Hangfire alike: it takes the
/// writer lock (and, with PostgreSQL job storage, the lock shared between servers), is skipped and recorded when
/// another job holds it, closes runs that an ended process left 'running', records the run in ops.runs with the real
/// reason when it fails, and turns an exception into that one-line reason.
/// </summary>
public sealed class JobRunner(string warehouse, TextWriter output, TimeProvider clock)
{
    /// <summary>A lock shared with other servers, taken after the file lock; it returns null when another server holds it.</summary>
    public Func<IDisposable?>? SharedLock { get; init; }

    /// <summary>Where the run came from, put before its message (for example "hangfire job 12").</summary>
    public string? Origin { get; init; }

    /// <summary>
    /// Runs <paramref name="action"/> as the job <paramref name="job"/> under the writer lock. When the warehouse does
    /// not exist yet, <paramref name="create"/> makes it (or the job is refused: run rp init first). An exception is
    /// recorded as the run's failure and then thrown on, for the caller's error boundary. <paramref name="prepare"/>
    /// runs first under the lock (rp demo clears its old warehouse there).
    /// </summary>
    public RunOutcome Run(string job, Func<StepResult> action, Action? create = null, Action? prepare = null)
    {
        using var writer = WriterLock.TryAcquire(warehouse, job, clock, out var heldBy);
        IDisposable? shared = null;
        if (writer is not null && SharedLock is not null)
        {
            shared = SharedLock();
            heldBy = shared is null ? "a job on another server" : heldBy;
        }

        using (shared)
        {
            if (writer is null || (SharedLock is not null && shared is null))
            {
                var why = $"the warehouse was being written by {heldBy}";
                output.WriteLine($"Skipped: the warehouse is being written by {heldBy}; try again when it is done.");
                RecordSkip(job, $"skipped: {why}");
                return new RunOutcome(RunStatus.Skipped, why);
            }

            prepare?.Invoke();
            if (create is null)
            {
                WarehouseSchema.RequireExisting(warehouse);
            }
            else if (!File.Exists(warehouse))
            {
                create();
            }

            using (var connection = WarehouseSchema.Open(warehouse))
            {
                new RunLog(connection, clock).CloseInterrupted(job);
            }

            return Record(job, action);
        }
    }

    /// <summary>Records one step of a job that already holds the writer lock (the steps of rp run), in ops.runs.</summary>
    public RunOutcome Record(string job, Func<StepResult> action)
    {
        long runId;
        using (var connection = WarehouseSchema.Open(warehouse))
        {
            runId = new RunLog(connection, clock).Start(job);
        }

        StepResult result;
        try
        {
            result = action();
        }
        catch (Exception ex)
        {
            Finish(runId, RunStatus.Failed, ErrorBoundary.OneLine(ex));
            throw;
        }

        var status = result.Succeeded ? RunStatus.Succeeded : RunStatus.Failed;
        Finish(runId, status, result.Message);
        return new RunOutcome(status, result.Message);
    }

    private string WithOrigin(string message) => Origin is null ? message : $"{Origin}: {message}";

    private void Finish(long runId, RunStatus status, string message)
    {
        using var connection = WarehouseSchema.Open(warehouse);
        new RunLog(connection, clock).Finish(runId, status, WithOrigin(message));
    }

    /// <summary>A skip is recorded when the warehouse can be opened (the lock holder may be in this process); otherwise only said.</summary>
    private void RecordSkip(string job, string why)
    {
        if (!File.Exists(warehouse))
        {
            return;
        }

        try
        {
            // No schema update here: the writer that holds the lock may be in this process, inside a transaction.
            using var connection = Db.Open(warehouse);
            new RunLog(connection, clock).Skipped(job, Origin is null ? why : $"{why} ({Origin})");
        }
        catch (DuckDBException)
        {
            // Another process holds the warehouse file open; the skip is in this process's output.
        }
    }
}
