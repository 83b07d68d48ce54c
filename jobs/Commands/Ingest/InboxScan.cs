using ResearchPipeline.Jobs.Cli;
using ResearchPipeline.Jobs.Runs;
using ResearchPipeline.Models;

namespace ResearchPipeline.Jobs.Commands.Ingest;

/// <summary>
/// The inbox scan: each new file of every inbox folder is ingested with its folder's mapping (or the
/// one beside it); a file that lands moves to processed/, a file that is refused moves to refused/ with its reason
/// beside it, so that nothing is tried twice and nothing is lost. The caller holds the writer lock. The inbox follows no
/// symbolic link: a linked file is refused without being read (a link to the pseudonym key would put the key in the
/// refusal message), and a processed/ or refused/ folder that is a link stops the scan of that inbox. A file is read
/// from processing/: one found there when a scan starts stopped the pipeline while it was read (out of memory, a kill)
/// and is set aside in refused/, so that no file can stop the pipeline twice.
/// </summary>
public static class InboxScan
{
    /// <summary>The data files an inbox folder holds for ingesting (not mappings, not hidden files), reference files first.</summary>
    public static List<string> Files(string folder) => !Directory.Exists(folder) ? [] : IngestOrder.InLandingOrder(Directory.GetFiles(folder)
        .Where(f => IngestOrder.IsDataFile(f) && !Path.GetFileName(f).StartsWith('.'))).ToList();

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
            var processed = Subfolder(inbox.Path, "processed");
            var refusedFolder = Subfolder(inbox.Path, "refused");
            var processing = Subfolder(inbox.Path, "processing");
            foreach (var stranded in Directory.GetFiles(processing))
            {
                var target = Path.Combine(refusedFolder, Path.GetFileName(stranded));
                var why = $"{Path.GetFileName(stranded)}: the pipeline stopped while reading this file (out of memory, a kill, a crash), " +
                          "so it is set aside and not tried again by itself; check it, then put it back in the inbox.";
                output.WriteLine($"{Path.GetFileName(stranded)}: refused: {why}");
                File.WriteAllText(ErrorFile(target), why + Environment.NewLine);
                File.Move(stranded, target, overwrite: true);
                refused++;
            }

            foreach (var found in Files(inbox.Path))
            {
                var file = found;
                if (File.ResolveLinkTarget(file, returnFinalTarget: false) is null && settle > TimeSpan.Zero &&
                    context.Clock.GetUtcNow() - File.GetLastWriteTimeUtc(file) < settle)
                {
                    waiting++;
                    continue;
                }

                string target;
                try
                {
                    if (new FileInfo(file).LinkTarget is not null)
                    {
                        throw new PipelineInputException($"{Path.GetFileName(file)}: a symbolic link, not a file; the inbox does not follow links (copy the file itself into the inbox).");
                    }

                    var beside = Path.Combine(inbox.Path, Path.GetFileNameWithoutExtension(file) + ".mapping.yaml");
                    var mapping = inbox.MappingPath ?? (File.Exists(beside) ? beside : null);
                    var reading = Path.Combine(processing, Path.GetFileName(file));
                    File.Move(file, reading, overwrite: true);
                    file = reading;
                    IngestCommand.Ingest(context, [file], mapping);
                    target = Path.Combine(processed, Path.GetFileName(file));
                    landed++;
                }
                catch (PipelineInputException ex)
                {
                    output.WriteLine($"{Path.GetFileName(file)}: refused: {ex.Message.Split(Environment.NewLine)[0]}");
                    target = Path.Combine(refusedFolder, Path.GetFileName(file));
                    File.WriteAllText(ErrorFile(target), ex.Message + Environment.NewLine);
                    refused++;
                }

                File.Move(file, target, overwrite: true); // a link is moved as a link: its target is never touched
            }
        }

        var summary = $"Inbox: {landed} file(s) landed, {refused} refused{(waiting > 0 ? $", {waiting} still being written (next scan)" : "")}.";
        output.WriteLine(summary);
        return (landed, refused, StepResult.Ok(summary));
    }

    /// <summary>processed/ or refused/ of an inbox, created when missing; one that is a symbolic link stops the scan (files would be moved out of the inbox).</summary>
    private static string Subfolder(string inbox, string name)
    {
        var path = Path.Combine(inbox, name);
        if (new DirectoryInfo(path) is { Exists: true, LinkTarget: not null } || new FileInfo(path) is { Exists: true })
        {
            throw new PipelineInputException($"{path}: is a symbolic link or a file, not a folder; the inbox moves files only into its own {name}/ folder. Remove it, and the next scan creates the folder.");
        }

        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>The reason file beside a refused file: &lt;name&gt;.error.txt, shortened (with a hash of the name) when that would pass the 255-byte limit of a file name.</summary>
    public static string ErrorFile(string refusedFile)
    {
        var name = Path.GetFileName(refusedFile);
        var error = name + ".error.txt";
        if (System.Text.Encoding.UTF8.GetByteCount(error) <= 255)
        {
            return refusedFile + ".error.txt";
        }

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)))[..12];
        var kept = new string(name.TakeWhile((_, i) => System.Text.Encoding.UTF8.GetByteCount(name[..(i + 1)]) <= 200).ToArray());
        return Path.Combine(Path.GetDirectoryName(refusedFile)!, $"{kept}~{hash}.error.txt");
    }
}
