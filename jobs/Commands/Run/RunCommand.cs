using System.CommandLine;
using ResearchPipeline.Jobs.Cli;
using ResearchPipeline.Jobs.Commands.Check;
using ResearchPipeline.Jobs.Commands.Ingest;
using ResearchPipeline.Jobs.Commands.Init;
using ResearchPipeline.Jobs.Commands.Publish;
using ResearchPipeline.Jobs.Commands.Pull;
using ResearchPipeline.Jobs.Commands.Report;
using ResearchPipeline.Jobs.Commands.Transform;
using ResearchPipeline.Jobs.Runs;
using ResearchPipeline.Warehouse.Runs;

namespace ResearchPipeline.Jobs.Commands.Run;

/// <summary>
/// <c>rp run</c>: one full pass (pull, inbox, transform, check, publish, reports) under the writer lock, each step
/// recorded in ops.runs as run:&lt;step&gt;. A failed step stops the pass: nothing is published from failed checks.
/// </summary>
public static class RunCommand
{
    public static Command Create(CommonOptions common)
    {
        var command = new Command("run", "One full pass: pull, ingest the inbox, transform, check, publish, reports; each step in ops.runs.");
        command.SetAction(r =>
        {
            var context = common.Context(r);
            return Run(context, context.Runner()).ExitCode;
        });
        return command;
    }

    /// <summary>Creates a missing warehouse (rp init) inside a job that holds the writer lock.</summary>
    public static Action CreateWarehouse(RpContext context) => () =>
    {
        InitCommand.CreateWarehouse(context);
        InitCommand.Init(context);
    };

    public static RunOutcome Run(RpContext context, JobRunner runner) =>
        runner.Run("run", () => Steps(context, runner), CreateWarehouse(context));

    /// <summary>The steps of the pass, for a job that holds the writer lock; fails with the failed step and its reason.</summary>
    public static StepResult Steps(RpContext context, JobRunner runner)
    {
        var output = context.Output;
        var steps = new (string Name, Func<StepResult> Action)[]
        {
            ("pull", () => PullCommand.Pull(context, null)),
            ("scan_inbox", () => InboxScan.Scan(context).Result), // a refused file is set aside with its reason; it does not fail the pass
            ("transform", () => StepResult.Ok(TransformCommand.Describe(TransformCommand.Transform(context)))),
            ("check", () => CheckCommand.Check(context)),
            ("publish", () => PublishCommand.Publish(context).Step),
            ("reports", () => ReportCommand.All(context)),
        };
        var summary = new List<string>();
        StepResult? failed = null;
        foreach (var (name, action) in steps)
        {
            output.WriteLine($"== {name}");
            RunOutcome outcome;
            try
            {
                outcome = runner.Record("run:" + name, action);
            }
            catch (Exception ex) when (ErrorBoundary.IsKnown(ex))
            {
                outcome = new RunOutcome(RunStatus.Failed, ErrorBoundary.OneLine(ex));
                output.WriteLine($"{name}: FAILED: {outcome.Message}");
            }

            summary.Add($"  {name,-11} {(outcome.Status == RunStatus.Succeeded ? "succeeded" : "failed: " + outcome.Message)}");
            if (outcome.Status != RunStatus.Succeeded)
            {
                failed = StepResult.Fail($"run:{name} failed: {outcome.Message}");
                break;
            }
        }

        output.WriteLine("Run summary:");
        foreach (var line in summary)
        {
            output.WriteLine(line);
        }

        return failed ?? StepResult.Ok("every step succeeded");
    }
}
