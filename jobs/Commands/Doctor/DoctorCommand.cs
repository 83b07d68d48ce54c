using System.CommandLine;
using ResearchPipeline.Jobs.Cli;
using ResearchPipeline.Jobs.Config;

namespace ResearchPipeline.Jobs.Commands.Doctor;

/// <summary>
/// <c>rp doctor [--config FILE]</c>: checks a set-up before the first night's schedule depends on it, one line per
/// check (ok, warn or FAIL, what was checked, and what to do), exit 1 when any check fails. It reads and probes; it
/// writes nothing, takes the writer lock only for an instant, and is not recorded as a run.
/// </summary>
public static class DoctorCommand
{
    public static Command Create(CommonOptions common)
    {
        var command = new Command("doctor", "Check the config, paths, pseudonym key, writer lock, job storage, API sources, inbox folders and schedules.");
        command.SetAction(r =>
        {
            var output = common.Output;
            PipelineConfig config;
            try
            {
                config = common.ConfigOf(r);
            }
            catch (Exception ex) when (ErrorBoundary.IsKnown(ex))
            {
                Write(output, new CheckLine(CheckStatus.Fail, "config", ex.Message.ReplaceLineEndings(" ")));
                return 1;
            }

            var lines = SetupChecks.Run(config, r.GetValue(common.Config), common.Clock);
            foreach (var line in lines)
            {
                Write(output, line);
            }

            var failed = lines.Count(l => l.Status == CheckStatus.Fail);
            var warned = lines.Count(l => l.Status == CheckStatus.Warn);
            output.WriteLine(failed == 0
                ? $"All {lines.Count} checks passed{(warned > 0 ? $" ({warned} with a warning)" : "")}."
                : $"{failed} of {lines.Count} checks failed.");
            return failed == 0 ? 0 : 1;
        });
        return command;
    }

    private static void Write(TextWriter output, CheckLine line) =>
        output.WriteLine($"{line.Status switch { CheckStatus.Ok => "ok  ", CheckStatus.Warn => "warn", _ => "FAIL" }}  {line.Name}: {line.Detail}");
}
