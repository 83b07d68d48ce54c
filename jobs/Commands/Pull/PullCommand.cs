using System.CommandLine;
using ResearchPipeline.Ingest.Api;
using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Jobs.Cli;
using ResearchPipeline.Jobs.Runs;
using ResearchPipeline.Models;

namespace ResearchPipeline.Jobs.Commands.Pull;

/// <summary><c>rp pull [--source NAME]</c>: pull the configured API sources since their watermarks.</summary>
public static class PullCommand
{
    public static Command Create(CommonOptions common)
    {
        var source = new Option<string?>("--source") { Description = "Pull only this source (its name in the config)" };
        var command = new Command("pull", "Pull the configured API sources (Qualtrics, REDCap) since their watermarks.") { source };
        command.SetAction(r =>
        {
            var context = common.Context(r);
            var only = r.GetValue(source);
            CheckTokens(context, only);
            return context.Runner().Run("pull", () => Pull(context, only)).ExitCode;
        });
        return command;
    }

    /// <summary>The sources to pull, each with its token from the environment; a missing token is refused before anything runs.</summary>
    private static List<(ApiSource Source, string Token)> CheckTokens(RpContext context, string? only)
    {
        var sources = context.Config.Sources.Where(s => only is null || s.Name == only).ToList();
        if (only is not null && sources.Count == 0)
        {
            throw new PipelineInputException($"--source {only}: no such source in the config (sources: {string.Join(", ", context.Config.Sources.Select(s => s.Name))}).");
        }

        return sources.Select(s => (s, Environment.GetEnvironmentVariable(s.TokenEnv) is { Length: > 0 } token
                ? token
                : throw new PipelineInputException($"{s.Name}: the environment variable {s.TokenEnv} is not set; put the source's API token in it.")))
            .ToList();
    }

    /// <summary>Pulls every configured source (or the one named); fails with each failed source's reason. The caller holds the writer lock.</summary>
    public static StepResult Pull(RpContext context, string? only)
    {
        var output = context.Output;
        var sources = CheckTokens(context, only);
        if (sources.Count == 0)
        {
            output.WriteLine("No API sources are configured (sources: in the pipeline config); nothing to pull.");
            return StepResult.Ok("no API sources configured");
        }

        using var connection = context.OpenExisting();
        using var client = PullService.NewClient();
        var options = context.IngestOptions();
        var failures = new List<string>();
        var done = new List<string>();
        foreach (var (source, token) in sources)
        {
            try
            {
                var r = PullService.PullAsync(connection, source, token, client, context.Config.LandingFolder, options).GetAwaiter().GetResult();
                var landed = r.Batch is null ? "nothing new"
                    : r.Batch.Status == IngestStatus.AlreadyIngested ? $"already landed as batch {r.Batch.BatchId}"
                    : $"batch {r.Batch.BatchId}: read {r.Batch.RowsRead}, loaded {r.Batch.RowsLoaded}, quarantined {r.Batch.RowsQuarantined}, skipped {r.Batch.RowsSkipped}";
                output.WriteLine($"{r.Source} ({r.Kind}): fetched {r.Fetched} response(s); {landed}; {(r.WatermarkKeptBecause is { } why ? $"watermark kept at {r.OldWatermark ?? "(none)"} ({why}: the next pull fetches them again; correct the mapping or the records)" : $"watermark {r.OldWatermark ?? "(none)"} → {r.NewWatermark ?? "(none)"}")}; {r.Attempts} HTTP attempt(s)");
                foreach (var note in r.Batch?.Notes ?? [])
                {
                    output.WriteLine("  " + note);
                }

                done.Add($"{r.Source}: fetched {r.Fetched}");
            }
            catch (PullFailedException ex)
            {
                output.WriteLine($"{source.Name}: FAILED: {ex.Message}");
                failures.Add(ex.Message.StartsWith(source.Name, StringComparison.Ordinal) ? ex.Message : $"{source.Name}: {ex.Message}");
            }
        }

        return failures.Count == 0
            ? StepResult.Ok(string.Join("; ", done))
            : StepResult.Fail($"{failures.Count} of {sources.Count} source(s) failed: {string.Join("; ", failures)}");
    }
}
