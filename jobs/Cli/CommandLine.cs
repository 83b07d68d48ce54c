using System.CommandLine;
using System.CommandLine.Invocation;
using ResearchPipeline.Jobs.Commands.Benchmark;
using ResearchPipeline.Jobs.Commands.Check;
using ResearchPipeline.Jobs.Commands.Demo;
using ResearchPipeline.Jobs.Commands.Doctor;
using ResearchPipeline.Jobs.Commands.Export;
using ResearchPipeline.Jobs.Commands.Ingest;
using ResearchPipeline.Jobs.Commands.Init;
using ResearchPipeline.Jobs.Commands.Publish;
using ResearchPipeline.Jobs.Commands.Pull;
using ResearchPipeline.Jobs.Commands.Query;
using ResearchPipeline.Jobs.Commands.Report;
using ResearchPipeline.Jobs.Commands.Run;
using ResearchPipeline.Jobs.Commands.Samples;
using ResearchPipeline.Jobs.Commands.Serve;
using ResearchPipeline.Jobs.Commands.Status;
using ResearchPipeline.Jobs.Commands.Transform;

namespace ResearchPipeline.Jobs.Cli;

/// <summary>
/// The <c>rp</c> command tree: one file per command under Commands/, shared options in <see cref="CommonOptions"/>, and
/// one error boundary (<see cref="ErrorBoundary"/>) around all of them. Exit codes: 0 success, 1 failure, 2 usage,
/// configuration or rejected input.
/// </summary>
public static class CommandLine
{
    public static int Run(string[] args, TextWriter output, TextWriter error, TimeProvider clock)
    {
        var common = new CommonOptions(output, error, clock);
        var root = new RootCommand("ResearchPipeline: rubric ratings into a DuckDB warehouse and reports.")
        {
            common.Config, common.Warehouse, common.Verbose,
            DemoCommand.Create(common),
            DoctorCommand.Create(common),
            InitCommand.Create(common),
            IngestCommand.Create(common),
            PullCommand.Create(common),
            RunCommand.Create(common),
            ServeCommand.Create(common),
            TransformCommand.Create(common),
            CheckCommand.Create(common),
            ReportCommand.Create(common),
            PublishCommand.Create(common),
            QueryCommand.Create(common),
            ExportCommand.Create(common),
            StatusCommand.Create(common),
            SamplesCommand.Create(common),
            BenchmarkCommand.Create(common),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            return Usage(parsed, error);
        }

        var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        return ErrorBoundary.Run(error, parsed.GetValue(common.Verbose), () => parsed.Invoke(invocation));
    }

    /// <summary>A command line that does not parse: each error on an rp: line, System.CommandLine's own "did you mean" for a mistyped command, exit 2.</summary>
    private static int Usage(ParseResult parsed, TextWriter error)
    {
        // "Required command was not provided" says nothing more when the word given is not a command.
        var unrecognized = parsed.Errors.Any(e => e.Message.StartsWith("Unrecognized command", StringComparison.Ordinal));
        foreach (var e in parsed.Errors.Where(e => !(unrecognized && e.Message.StartsWith("Required command", StringComparison.Ordinal))))
        {
            error.WriteLine("rp: " + e.Message);
        }

        if (parsed.Action is ParseErrorAction action)
        {
            // Only the typo corrections: the errors are printed above, and the full help is one 'rp --help' away.
            action.ShowHelp = false;
            using var corrections = new StringWriter();
            parsed.Invoke(new InvocationConfiguration { Output = corrections, Error = TextWriter.Null });
            var lines = corrections.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var (line, i) in lines.Select((l, i) => (l, i)))
            {
                error.WriteLine((i == 0 ? "rp: " : "  ") + line);
            }
        }

        error.WriteLine("Try 'rp --help'.");
        return 2;
    }
}
