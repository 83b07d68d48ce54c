using System.CommandLine;
using ResearchPipeline.Ingest;
using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Ingest.Surveys;
using ResearchPipeline.Jobs.Cli;
using ResearchPipeline.Jobs.Runs;

namespace ResearchPipeline.Jobs.Commands.Ingest;

/// <summary><c>rp ingest PATH... [--mapping FILE] [--strict]</c>: load files, each one batch, kind detected (or from the mapping).</summary>
public static class IngestCommand
{
    public static Command Create(CommonOptions common)
    {
        var paths = new Argument<string[]>("path") { Description = "Files or folders to load", Arity = ArgumentArity.OneOrMore };
        var strict = new Option<bool>("--strict") { Description = "Exit 1 when any row is quarantined" };
        var mapping = new Option<string?>("--mapping") { Description = "Mapping file (YAML) for survey exports; default: <file>.mapping.yaml beside each file" };
        var timings = new Option<bool>("--timings") { Description = "After each long-format CSV, list where its landing's time went, step by step" };
        var command = new Command("ingest", "Load files (kind detected from the header; survey exports with a mapping).") { paths, strict, mapping, timings };
        command.SetAction(r =>
        {
            var context = common.Context(r);
            var quarantined = false;
            var outcome = context.Runner().Run("ingest", () =>
            {
                var results = Ingest(context, r.GetValue(paths)!, r.GetValue(mapping), r.GetValue(timings));
                quarantined = results.Any(x => x.RowsQuarantined > 0);
                return StepResult.Ok(Summary(results));
            });
            return outcome.ExitCode != 0 ? outcome.ExitCode : r.GetValue(strict) && quarantined ? 1 : 0;
        });
        return command;
    }

    /// <summary>What a batch of ingests did, in one line (for ops.runs).</summary>
    public static string Summary(IReadOnlyCollection<IngestResult> results)
    {
        var landed = results.Where(r => r.Status != IngestStatus.AlreadyIngested).ToList();
        var again = results.Count - landed.Count;
        return $"{landed.Count} file(s) landed: loaded {landed.Sum(r => r.RowsLoaded)}, quarantined {landed.Sum(r => r.RowsQuarantined)}, skipped {landed.Sum(r => r.RowsSkipped)}"
               + (again > 0 ? $"; {again} already ingested" : "");
    }

    /// <summary>Ingests files in order (reference files first) and says what each did; the caller holds the writer lock.</summary>
    public static List<IngestResult> Ingest(RpContext context, IEnumerable<string> paths, string? mappingPath = null, bool timings = false)
    {
        var output = context.Output;
        var given = mappingPath is null ? null : SurveyMappingLoader.Load(mappingPath);
        using var connection = context.OpenExisting();
        var options = context.IngestOptions();
        var results = new List<IngestResult>();
        foreach (var path in IngestOrder.Expand(paths))
        {
            // A survey export takes the mapping given, else the one beside it: <name>.mapping.yaml.
            var beside = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileNameWithoutExtension(path) + ".mapping.yaml");
            var mapping = given ?? (File.Exists(beside) ? SurveyMappingLoader.Load(beside) : null);
            var result = IngestService.IngestFile(connection, path, options, mapping);
            results.Add(result);
            Print(output, result);
            if (timings)
            {
                foreach (var (step, seconds) in result.Steps)
                {
                    output.WriteLine(FormattableString.Invariant($"  {seconds,7:0.00} s  {step}"));
                }
            }
        }

        return results;
    }

    private static void Print(TextWriter output, IngestResult result)
    {
        if (result.Status == IngestStatus.AlreadyIngested)
        {
            output.WriteLine($"{result.FileName}: already ingested as batch {result.BatchId}; nothing changed.");
            return;
        }

        output.WriteLine($"{result.FileName}: {result.Kind} batch {result.BatchId}: read {result.RowsRead}, loaded {result.RowsLoaded}, quarantined {result.RowsQuarantined}, skipped {result.RowsSkipped}"
            + (result.SupersededRows > 0 ? $", replaced {result.SupersededRows} earlier ratings" : ""));
        foreach (var note in result.Notes)
        {
            output.WriteLine("  " + note);
        }

        // A refused row of a wide file quarantines each of its rating cells for the same reason: say it once. A row's
        // problems come together, so equal lines are neighbours: counted in one pass, and only the first ten are written out.
        var shown = new List<(string Line, int Count)>();
        var lines = 0;
        RowProblem? previous = null;
        foreach (var p in result.Problems)
        {
            var said = p.Column is null || p.Reason.Contains("fields where the header has", StringComparison.Ordinal) ? new RowProblem(p.SourceRow, null, null, p.Reason) : p;
            if (previous is not null && said.SourceRow == previous.SourceRow && said.Column == previous.Column && said.Reason == previous.Reason && said.ColumnIsLocation == previous.ColumnIsLocation)
            {
                if (lines <= 10)
                {
                    shown[^1] = (shown[^1].Line, shown[^1].Count + 1);
                }

                continue;
            }

            previous = said;
            if (++lines <= 10)
            {
                shown.Add((said.Describe(result.FileName), 1));
            }
        }

        // A set-based landing keeps the first problems in memory; each of the rest is one line of a long-format file.
        lines += (int)Math.Min(int.MaxValue - lines, result.ProblemsLeftOut);
        foreach (var (line, count) in shown)
        {
            output.WriteLine("  quarantined: " + (count == 1 ? line : $"{line} ({count} ratings)"));
        }

        if (lines > 10)
        {
            output.WriteLine($"  … and {lines - 10} more: select * from ops.quarantine where batch_id = {result.BatchId}");
        }
    }
}
