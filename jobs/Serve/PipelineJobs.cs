using Hangfire;
using Hangfire.Server;
using ResearchPipeline.Ingest.Api;
using ResearchPipeline.Jobs.Cli;
using ResearchPipeline.Jobs.Commands.Ingest;
using ResearchPipeline.Jobs.Commands.Publish;
using ResearchPipeline.Jobs.Commands.Pull;
using ResearchPipeline.Jobs.Commands.Report;
using ResearchPipeline.Jobs.Commands.Run;
using ResearchPipeline.Jobs.Commands.Transform;
using ResearchPipeline.Jobs.Config;
using ResearchPipeline.Jobs.Runs;
using ResearchPipeline.Warehouse.Runs;

namespace ResearchPipeline.Jobs.Serve;

/// <summary>
/// The jobs <c>rp serve</c> schedules (listed in <see cref="ScheduledJobs"/>). Each runs the same command code as the
/// CLI through the same <see cref="JobRunner"/>: the writer lock (with PostgreSQL storage also a lock shared between
/// servers), skip-and-record when it is taken, ops.runs with the real reason and the Hangfire job id. A failed job
/// throws that reason, so the dashboard shows it and continuations do not run. Only a pull is retried.
/// </summary>
public sealed class PipelineJobs(PipelineConfig config, IBackgroundJobClient jobs, JobStorage storage, TimeProvider clock, JobLog log)
{
    /// <summary>How long a file must be untouched before a scheduled scan takes it, so that a copy in progress is never read half-written.</summary>
    public static readonly TimeSpan InboxSettle = TimeSpan.FromSeconds(2);

    [AutomaticRetry(Attempts = 3)]
    [JobDisplayName("pull API sources")]
    public void Pull(PerformContext? context) => Execute(context, "pull", c => PullCommand.Pull(c, null), transient: true);

    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("scan the inbox")]
    public void ScanInbox(PerformContext? context)
    {
        // An empty inbox needs no writer: a scan that would find nothing neither takes the lock nor is recorded, so it
        // never makes a transform or publish continuation skip.
        if (InboxScan.IsEmpty(new RpContext(config, TextWriter.Null, clock)))
        {
            return;
        }

        var landed = 0;
        Execute(context, "scan_inbox", c =>
        {
            var scan = InboxScan.Scan(c, InboxSettle);
            landed = scan.Landed;
            return scan.Result;
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
    public void Transform(PerformContext? context) => Execute(context, "transform", c => TransformCommand.TransformAndCheck(c));

    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("publish the snapshot")]
    public void Publish(PerformContext? context) => Execute(context, "publish", c => PublishCommand.Publish(c).Step);

    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("partner, hub and IC reports")]
    public void PartnerReports(PerformContext? context) => Execute(context, "partner_reports", ReportCommand.All);

    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("full run")]
    public void Run(PerformContext? context) => Execute(context, "run", null);

    /// <summary>Runs a job through the runner and prints what it said; throws the recorded reason when it failed.</summary>
    private void Execute(PerformContext? context, string job, Func<RpContext, StepResult>? step, bool transient = false)
    {
        var jobId = context?.BackgroundJob.Id ?? "direct";
        using var output = new StringWriter();
        var rp = new RpContext(config, output, clock);
        using var storageConnection = config.Serve.JobsStorage == "postgres" ? storage.GetConnection() : null;
        var runner = new JobRunner(config.Warehouse, output, clock)
        {
            Origin = $"hangfire job {jobId}",
            SharedLock = storageConnection is null ? null : () => SharedLock(storageConnection),
        };
        log.Started(job, jobId);
        RunOutcome outcome;
        try
        {
            outcome = step is null
                ? RunCommand.Run(rp, runner)
                : runner.Run(job, () => step(rp), RunCommand.CreateWarehouse(rp));
        }
        finally
        {
            log.Output(job, jobId, output.ToString());
        }

        if (outcome.Status == RunStatus.Failed)
        {
            throw transient ? new PullFailedException($"{job}: {outcome.Message}") : new InvalidOperationException($"{job} failed: {outcome.Message}");
        }
    }

    private static IDisposable? SharedLock(Hangfire.Storage.IStorageConnection connection)
    {
        try
        {
            return connection.AcquireDistributedLock("rp:warehouse-writer", TimeSpan.Zero);
        }
        catch (Hangfire.Storage.DistributedLockTimeoutException)
        {
            return null;
        }
    }
}
