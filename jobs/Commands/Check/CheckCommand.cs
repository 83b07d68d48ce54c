using System.CommandLine;
using ResearchPipeline.Jobs.Cli;
using ResearchPipeline.Jobs.Runs;
using ResearchPipeline.Models;
using ResearchPipeline.Transform.Runner;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Jobs.Commands.Check;

/// <summary><c>rp check</c>: the data tests only (they write ops.test_results, so under the writer lock); exit 1 on an error-level failure.</summary>
public static class CheckCommand
{
    public static Command Create(CommonOptions common)
    {
        var command = new Command("check", "Data tests only; exit 1 if any error-level test fails.");
        command.SetAction(r =>
        {
            var context = common.Context(r);
            return context.Runner().Run("check", () => Check(context)).ExitCode;
        });
        return command;
    }

    /// <summary>Runs the data tests and prints the failing rows; fails naming each failed error-level test.</summary>
    public static StepResult Check(RpContext context)
    {
        var output = context.Output;
        using var connection = context.OpenExisting();
        if (Db.Strings(connection, "select table_name from duckdb_tables() where schema_name = 'marts' limit 1").Count == 0)
        {
            throw new PipelineInputException($"Nothing to check in {context.Config.Warehouse}: the models are not built yet; run 'rp transform' first.");
        }

        var outcomes = new ModelRunner(connection, context.Clock).Test();
        var runId = Db.Count(connection, "select max(run_id) from ops.test_results");
        foreach (var o in outcomes.Where(o => !o.Passed))
        {
            output.WriteLine($"  {o.Status.ToUpperInvariant()} {o.Test.Model}: {o.Test.Name}: {o.FailingRows} failing row(s). {o.Test.Description}");
            foreach (var row in Db.Strings(connection, "select row_json from ops.test_failures where run_id = $1 and model = $2 and test_name = $3 limit 5", runId, o.Test.Model, o.Test.Name))
            {
                output.WriteLine("      " + row);
            }

            if (o.FailingRows > 5)
            {
                output.WriteLine($"      … all of them: select row_json from ops.test_failures where run_id = {runId} and test_name = '{o.Test.Name.Replace("'", "''", StringComparison.Ordinal)}'");
            }
        }

        var failed = outcomes.Where(o => o.Status == "fail").ToList();
        var summary = $"Data tests: {outcomes.Count(o => o.Passed)} passed, {failed.Count} failed, {outcomes.Count(o => o.Status == "warn")} warned.";
        output.WriteLine(summary);
        return failed.Count == 0
            ? StepResult.Ok(summary)
            : StepResult.Fail($"an error-level data test failed: {string.Join("; ", failed.Take(5).Select(o => $"{o.Test.Model}: {o.Test.Name} ({o.FailingRows} row(s))"))}"
                              + (failed.Count > 5 ? $"; and {failed.Count - 5} more" : "") + "; nothing is published until they pass (rp check shows the rows)");
    }
}
