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
        var timings = new Option<bool>("--timings") { Description = "After the build, list the ten slowest models with their seconds" };
        var command = new Command("transform", "Build staging, intermediate and marts, then run data tests.") { full, timings };
        command.SetAction(r =>
        {
            var context = common.Context(r);
            return context.Runner().Run("transform", () => TransformAndCheck(context, r.GetValue(full), r.GetValue(timings))).ExitCode;
        });
        return command;
    }

    /// <summary>Builds, then checks; fails with the failing tests named. The caller holds the writer lock.</summary>
    public static StepResult TransformAndCheck(RpContext context, bool full = false, bool timings = false)
    {
        var build = Transform(context, full);
        if (timings)
        {
            WriteTimings(context.Output, build);
        }

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

    private static void WriteTimings(TextWriter output, BuildResult build)
    {
        var total = build.Timings.Sum(t => t.Elapsed.TotalSeconds);
        output.WriteLine(FormattableString.Invariant($"Slowest models (of {build.Timings.Count}, {total:0.00} s in all; {build.Setup.TotalSeconds:0.00} s before the first: state, fingerprints, changed scope):"));
        foreach (var t in build.Timings.OrderByDescending(t => t.Elapsed).Take(10))
        {
            output.WriteLine(FormattableString.Invariant($"  {t.Elapsed.TotalSeconds,8:0.00} s  {t.Relation}"));
        }
    }

    public static string Describe(BuildResult result) => result.Full
        ? $"Rebuilt all {result.Models} models ({result.Reason})."
        : result.ScopeRows == 0
            ? $"Nothing new since batch {result.LastBatchId}: incremental models unchanged."
            : $"Incremental build: {result.ScopeRows} framework × unit × wave combination(s) recomputed from batches up to {result.LastBatchId}.";
}
