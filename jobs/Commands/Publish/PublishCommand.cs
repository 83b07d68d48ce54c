using System.CommandLine;
using ResearchPipeline.Jobs.Cli;
using ResearchPipeline.Jobs.Runs;
using ResearchPipeline.Transform.Publishing;

namespace ResearchPipeline.Jobs.Commands.Publish;

/// <summary><c>rp publish [--allow-shrink]</c>: the researchers' read-only snapshot, its data dictionary and manifest, in publish_to.</summary>
public static class PublishCommand
{
    public static Command Create(CommonOptions common)
    {
        var allowShrink = new Option<bool>("--allow-shrink")
        {
            Description = $"Publish even when the snapshot would hold far fewer ratings (more than {SnapshotPublisher.MaxShrink:P0} fewer) than the published one",
        };
        var command = new Command("publish", "Write the researchers' read-only snapshot with its data dictionary (publish_to).") { allowShrink };
        command.SetAction(r =>
        {
            var context = common.Context(r);
            return context.Runner().Run("publish", () => Publish(context, r.GetValue(allowShrink)).Step).ExitCode;
        });
        return command;
    }

    /// <summary>Publishes; refused (with the reason) when checks failed, a transform is due, or it would lose ratings. The caller holds the writer lock.</summary>
    public static (PublishResult Result, StepResult Step) Publish(RpContext context, bool allowShrink = false)
    {
        var output = context.Output;
        using var connection = context.OpenExisting();
        var result = new SnapshotPublisher(connection, context.Clock).Publish(context.Config.PublishTo, RpContext.Version, allowShrink);
        var ratings = result.Tables.FirstOrDefault(t => t.Relation == "core.ratings").Rows;
        output.WriteLine($"Published {result.SnapshotPath} (read-only, SHA-256 {result.Sha256[..16]}…, batches up to {result.LastBatchId}).");
        output.WriteLine($"  {result.Tables.Count} tables, {result.Dictionary.Select(e => e.Relation).Distinct().Count(r => r.StartsWith("research.", StringComparison.Ordinal))} research views; ratings: {ratings}; content {result.ContentSha256[..16]}…");
        output.WriteLine($"  data dictionary: {result.DictionaryMarkdown} and {Path.GetFileName(result.DictionaryHtml)}");
        return (result, StepResult.Ok($"published {ratings} ratings, batches up to {result.LastBatchId}, content {result.ContentSha256[..16]}"));
    }
}
