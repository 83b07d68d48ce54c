using ResearchPipeline.Jobs.Cli;
using ResearchPipeline.Jobs.Runs;
using ResearchPipeline.Models;

namespace ResearchPipeline.Jobs.Commands.Ingest;

/// <summary>
/// The inbox scan (spec section 7): each new file of every inbox folder is ingested with its folder's mapping (or the
/// one beside it); a file that lands moves to processed/, a file that is refused moves to refused/ with its reason
/// beside it, so that nothing is tried twice and nothing is lost. The caller holds the writer lock.
/// </summary>
public static class InboxScan
{
    /// <summary>The data files an inbox folder holds for ingesting (not mappings, not hidden files), in name order.</summary>
    public static List<string> Files(string folder) => !Directory.Exists(folder) ? [] : Directory.GetFiles(folder)
        .Where(f => IngestOrder.IsDataFile(f) && !Path.GetFileName(f).StartsWith('.'))
        .Order(StringComparer.Ordinal).ToList();

    /// <summary>True when no inbox folder holds a file: a scan would do nothing.</summary>
    public static bool IsEmpty(RpContext context) => context.Config.Inbox.All(i => Files(i.Path).Count == 0);

    /// <summary>Scans every inbox; files touched within <paramref name="settle"/> are left for the next scan (a copy may be in progress).</summary>
    public static (int Landed, int Refused, StepResult Result) Scan(RpContext context, TimeSpan settle = default)
    {
        var output = context.Output;
        int landed = 0, refused = 0, waiting = 0;
        foreach (var inbox in context.Config.Inbox)
        {
            Directory.CreateDirectory(inbox.Path);
            foreach (var file in Files(inbox.Path))
            {
                if (settle > TimeSpan.Zero && context.Clock.GetUtcNow() - File.GetLastWriteTimeUtc(file) < settle)
                {
                    waiting++;
                    continue;
                }

                string target;
                try
                {
                    IngestCommand.Ingest(context, [file], inbox.MappingPath);
                    target = Path.Combine(inbox.Path, "processed", Path.GetFileName(file));
                    landed++;
                }
                catch (PipelineInputException ex)
                {
                    output.WriteLine($"{Path.GetFileName(file)}: refused: {ex.Message.Split(Environment.NewLine)[0]}");
                    target = Path.Combine(inbox.Path, "refused", Path.GetFileName(file));
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.WriteAllText(target + ".error.txt", ex.Message + Environment.NewLine);
                    refused++;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Move(file, target, overwrite: true);
            }
        }

        var summary = $"Inbox: {landed} file(s) landed, {refused} refused{(waiting > 0 ? $", {waiting} still being written (next scan)" : "")}.";
        output.WriteLine(summary);
        return (landed, refused, StepResult.Ok(summary));
    }
}
