using System.CommandLine;
using ResearchPipeline.Jobs.Cli;
using ResearchPipeline.Reports.Paper;

namespace ResearchPipeline.Jobs.Commands.Report;

/// <summary><c>rp report paper --spec FILE [--out DIR]</c>: the conference paper pack, built from the published snapshot.</summary>
public static class PaperCommand
{
    public static Command Create(CommonOptions common)
    {
        var spec = new Option<string>("--spec") { Description = "Paper spec (YAML): name, framework, figures, tables", Required = true };
        var output = CommonOptions.Out();
        var command = new Command("paper", "Conference paper pack: figures, tables (CSV, Markdown, LaTeX), manifest; from the published snapshot.") { spec, output };
        command.SetAction(r =>
        {
            var context = common.Context(r);
            Write(context, r.GetValue(spec)!, r.GetValue(output) ?? context.Config.ReportsOut);
            return 0;
        });
        return command;
    }

    /// <summary>Built from the published snapshot, so that its manifest's SQL can be rerun on it and its stamp is that snapshot's.</summary>
    public static string Write(RpContext context, string specPath, string outDir)
    {
        var spec = PaperSpec.Load(specPath);
        using var connection = context.OpenSnapshot();
        var key = ResearchPipeline.Ingest.Landing.PseudonymKey.Resolve(context.Config.PseudonymKeyEnv, context.Config.Warehouse, createIfMissing: false, out _);
        var result = PaperPack.Write(connection, spec, ReportStamp.For(context, connection, outDir, fromSnapshot: true), PaperPack.SaltFor(key, spec.Name));
        context.Output.WriteLine($"  {result.Folder}: {result.Files.Count} files (manifest.json lists the SQL behind each)");
        return result.Folder;
    }
}
