using DuckDB.NET.Data;
using Hangfire;
using Hangfire.Server;
using ResearchPipeline.Ingest.Api;
using ResearchPipeline.Jobs.Cli;
using ResearchPipeline.Jobs.Config;
using ResearchPipeline.Warehouse.Runs;
using ResearchPipeline.Models;

namespace ResearchPipeline.Jobs.Serve;

/// <summary>
/// The jobs <c>rp serve</c> schedules. Each one that writes takes the single-writer lock first (the lock file, and with
/// PostgreSQL storage also a distributed lock in the job storage, so it holds across servers): a job that finds it
/// taken is skipped and recorded, not queued behind it. Every run lands in ops.runs with its message. Only a pull is
/// retried (a network can recover); a failed transform or check is not, and a failed transform stops its publish.
/// </summary>
public sealed class PipelineJobs(PipelineConfig config, IBackgroundJobClient jobs, JobStorage storage, TimeProvider clock)
{
    [AutomaticRetry(Attempts = 3)]
    [JobDisplayName("pull API sources")]
    public void Pull(PerformContext? context) => Exclusive(context, "pull", p => p.Pull(null) ? null : "a source failed; see the job's output", transient: true);

    /// <summary>How long a file must be untouched before a scheduled scan takes it, so that a copy in progress is never read half-written.</summary>
    public static readonly TimeSpan InboxSettle = TimeSpan.FromSeconds(2);

    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("scan the inbox")]
    public void ScanInbox(PerformContext? context)
    {
        // An empty inbox needs no writer: a scan that would find nothing neither takes the lock nor is recorded, so it
        // never makes a transform or publish continuation skip.
        if (config.Inbox.All(i => Pipeline.InboxFiles(i.Path).Count == 0))
        {
            return;
        }

        var landed = 0;
        Exclusive(context, "scan_inbox", p =>
        {
            landed = p.ScanInbox(InboxSettle).Landed;
            return null;
        });
        if (landed > 0)
        {
            // Transform as a continuation of a successful ingest, then publish after a successful transform.
            var transform = jobs.Enqueue<PipelineJobs>(j => j.Transform(null));
            jobs.ContinueJobWith<PipelineJobs>(transform, j => j.Publish(null));
        }
    }

    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("transform and check")]
    public void Transform(PerformContext? context) => Exclusive(context, "transform", p =>
    {
        p.Transform();
        return p.Check() ? null : "an error-level data test failed";
    });

    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("publish the snapshot")]
    public void Publish(PerformContext? context) => Exclusive(context, "publish", p =>
    {
        p.Publish();
        return null;
    });

    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("partner, hub and IC reports")]
    public void PartnerReports(PerformContext? context) => Exclusive(context, "partner_reports", p =>
    {
        p.Reports();
        return null;
    });

    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("full run")]
    public void Run(PerformContext? context) => Exclusive(context, "run", p => p.RunAllLocked() == 0 ? null : "a step failed; see ops.runs");

    /// <summary>Runs a step under the writer lock and records it; throws when it failed, so that Hangfire shows it failed (and stops continuations).</summary>
    private void Exclusive(PerformContext? context, string job, Func<Pipeline, string?> step, bool transient = false)
    {
        var jobId = context?.BackgroundJob.Id ?? "direct";
        using var output = new StringWriter();
        var pipeline = new Pipeline(config, output, clock);
        using var writer = WriterLock.TryAcquire(config.Warehouse, job, clock, out var heldBy);
        using var storageConnection = config.Serve.JobsStorage == "postgres" ? storage.GetConnection() : null;
        IDisposable? distributed = null;
        if (writer is not null && storageConnection is not null)
        {
            try
            {
                distributed = storageConnection.AcquireDistributedLock("rp:warehouse-writer", TimeSpan.Zero);
            }
            catch (Hangfire.Storage.DistributedLockTimeoutException)
            {
                heldBy = "a job on another server";
            }
        }

        using (distributed)
        {
            if (writer is null || (config.Serve.JobsStorage == "postgres" && distributed is null))
            {
                Console.WriteLine($"{clock.GetUtcNow():u} {job}: skipped, the warehouse is being written by {heldBy}");
                RecordSkip(job, $"{heldBy} (hangfire job {jobId})");
                return;
            }

            Console.WriteLine($"{clock.GetUtcNow():u} {job}: started (hangfire job {jobId})");
            if (!File.Exists(config.Warehouse))
            {
                pipeline.Init();
            }

            var (failure, _) = pipeline.Recorded(job, () => step(pipeline), f => $"hangfire job {jobId}: {f ?? Summary(output.ToString())}");
            Console.Write(output.ToString());
            if (failure is not null)
            {
                throw transient ? new PullFailedException($"{job}: {failure}") : new InvalidOperationException($"{job} failed: {failure}");
            }
        }
    }

    /// <summary>A skipped run is recorded when the warehouse can be opened (the lock holder may be in this process); otherwise only logged.</summary>
    private void RecordSkip(string job, string? heldBy)
    {
        try
        {
            using var connection = new Pipeline(config, TextWriter.Null, clock).OpenExisting();
            new RunLog(connection, clock).Skipped(job, $"skipped: the warehouse was being written by {heldBy}");
        }
        catch (Exception ex) when (ex is DuckDBException or PipelineInputException or IOException)
        {
            // Another process holds the warehouse file; the skip is in this server's log and the dashboard.
        }
    }

    private static string Summary(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "ok" : string.Join(" | ", lines.TakeLast(3));
    }
}
