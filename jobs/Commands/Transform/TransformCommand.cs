using System.CommandLine;
using ResearchPipeline.Jobs.Cli;
using ResearchPipeline.Jobs.Commands.Check;
using ResearchPipeline.Jobs.Runs;
using ResearchPipeline.Transform.Runner;

namespace ResearchPipeline.Jobs.Commands.Transform;

/// <summary><c>rp transform [--full]</c>: build staging → intermediate → marts → research views, then run the data tests.</summary>
public static class TransformCommand
{
    public static Command Create(CommonOptions common)
    {
        var full = new Option<bool>("--full") { Description = "Rebuild everything" };
        var command = new Command("transform", "Build staging, intermediate and marts, then run data tests.") { full };
        command.SetAction(r =>
        {
            var context = common.Context(r);
            return context.Runner().Run("transform", () => TransformAndCheck(context, r.GetValue(full))).ExitCode;
        });
        return command;
    }

    /// <summary>Builds, then checks; fails with the failing tests named. The caller holds the writer lock.</summary>
    public static StepResult TransformAndCheck(RpContext context, bool full = false)
    {
        var build = Transform(context, full);
        var check = CheckCommand.Check(context);
        return check.Succeeded ? StepResult.Ok($"{Describe(build).TrimEnd('.')}; {check.Message}") : check;
    }

    public static BuildResult Transform(RpContext context, bool full = false)
    {
        using var connection = context.OpenExisting();
        var result = new ModelRunner(connection, context.Clock).Build(full);
        context.Output.WriteLine(Describe(result));
        return result;
    }

    public static string Describe(BuildResult result) => result.Full
        ? $"Rebuilt all {result.Models} models ({result.Reason})."
        : result.ScopeRows == 0
            ? $"Nothing new since batch {result.LastBatchId}: incremental models unchanged, views refreshed."
            : $"Incremental build: {result.ScopeRows} framework × unit × wave combination(s) recomputed from batches up to {result.LastBatchId}.";
}
