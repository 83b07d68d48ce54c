using System.CommandLine;
using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Jobs.Cli;
using ResearchPipeline.Jobs.Commands.Check;
using ResearchPipeline.Jobs.Commands.Ingest;
using ResearchPipeline.Jobs.Commands.Init;
using ResearchPipeline.Jobs.Commands.Publish;
using ResearchPipeline.Jobs.Commands.Report;
using ResearchPipeline.Jobs.Commands.Transform;
using ResearchPipeline.Jobs.Config;
using ResearchPipeline.Jobs.Runs;
using ResearchPipeline.Models;
using ResearchPipeline.Reports;
using ResearchPipeline.Warehouse.Runs;

namespace ResearchPipeline.Jobs.Commands.Demo;

/// <summary><c>rp demo [--out DIR]</c>: a fresh warehouse from data-samples/, transform, checks, publish, every report; says where everything is.</summary>
public static class DemoCommand
{
    public static Command Create(CommonOptions common)
    {
        var output = CommonOptions.Out("Output folder (default: demo-out)");
        var samples = new Option<string?>("--samples") { Description = "Sample folder (default: data-samples/ of the repository, else the samples installed with rp)" };
        var command = new Command("demo", "Fresh warehouse from data-samples, every report; prints where everything is.") { output, samples };
        command.SetAction(r => Run(r.GetValue(output) ?? "demo-out", r.GetValue(samples), common.Output, common.Clock));
        return command;
    }

    public static int Run(string outDir, string? samplesDir, TextWriter output, TimeProvider clock)
    {
        var samples = samplesDir ?? FindSamples()
            ?? throw new PipelineInputException("Cannot find data-samples/: run from the repository root or pass --samples DIR.");
        var root = Path.GetFullPath(outDir);
        var config = PipelineConfig.Defaults(root) with { ReportsOut = Path.Combine(root, "reports") };
        var context = new RpContext(config, output, clock);
        var ok = true;
        var outcome = context.Runner().Run("demo", () =>
        {
            ok = Steps(context, samples);
            return ok ? StepResult.Ok("demo built") : StepResult.Fail("an error-level data test failed");
        }, create: () => InitCommand.CreateWarehouse(context), prepare: () => Clear(config.Warehouse));
        return outcome.Status == RunStatus.Succeeded ? 0 : 1;
    }

    /// <summary>Removes the previous demo's warehouse, key, snapshot and landing files; the writer lock (held now) stays.</summary>
    private static void Clear(string warehouse)
    {
        var folder = Path.GetDirectoryName(warehouse)!;
        foreach (var file in Directory.GetFiles(folder).Where(f => f != WriterLock.PathFor(warehouse)))
        {
            File.Delete(file);
        }

        foreach (var dir in Directory.GetDirectories(folder))
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static bool Steps(RpContext context, string samples)
    {
        var output = context.Output;
        var config = context.Config;
        output.WriteLine("== init");
        InitCommand.Init(context);
        output.WriteLine($"== ingest {samples}");
        var results = IngestCommand.Ingest(context, [samples]);
        foreach (var (folder, what) in new[] { ("surveys", "survey exports {0} (each with the <name>.mapping.yaml beside it)"), ("workbooks", "partnership workbooks {0}") })
        {
            var path = Path.Combine(samples, folder);
            if (Directory.Exists(path))
            {
                output.WriteLine("== ingest " + string.Format(System.Globalization.CultureInfo.InvariantCulture, what, path));
                results.AddRange(IngestCommand.Ingest(context, [path]));
            }
        }

        output.WriteLine("== transform");
        TransformCommand.Transform(context);
        output.WriteLine("== check");
        var ok = CheckCommand.Check(context).Succeeded;
        output.WriteLine("== publish");
        var published = PublishCommand.Publish(context).Result;
        output.WriteLine("== partner reports");
        ReportContext stamp;
        using (var connection = context.OpenForReading())
        {
            stamp = ReportStamp.For(context, connection, config.ReportsOut); // one hash of the data behind every report
        }

        var reports = PartnerCommand.Write(context, null, all: true, wave: null, config.ReportsOut, stamp);
        output.WriteLine("== hub review");
        HubCommand.Write(context, "ilead-dp-2018", null, config.ReportsOut, stamp);
        output.WriteLine("== IC-map reports");
        var ic = IcCommand.Write(context, null, all: true, wave: null, config.ReportsOut, stamp);
        var spec = Path.Combine(samples, "papers", "ilead-network-trajectories.yaml");
        if (File.Exists(spec))
        {
            output.WriteLine("== paper pack");
            PaperCommand.Write(context, spec, config.ReportsOut);
        }

        output.WriteLine();
        var replaced = results.Sum(r => r.SupersededRows);
        output.WriteLine($"Demo finished: {results.Sum(r => r.RowsLoaded) - replaced} ratings in the warehouse ({results.Sum(r => r.RowsLoaded)} loaded from {results.Count} files, " +
                         $"{replaced} of them replacing the same rating from an earlier file), {results.Sum(r => r.RowsQuarantined)} quarantined, {reports.Count} partner reports, 1 hub review, {ic.Count} IC-map reports.");
        output.WriteLine($"  warehouse: {config.Warehouse}");
        output.WriteLine($"  reports:   {config.ReportsOut} (partner/, hub/, ic/, paper/)");
        output.WriteLine($"  open one:  {reports.FirstOrDefault()}");
        output.WriteLine($"  snapshot:  {published.SnapshotPath} (data dictionary: {published.DictionaryHtml})");
        // From a clone, rp is dotnet run --project jobs --; installed, it is rp.
        var rp = File.Exists(Path.Combine(samples, "..", "ResearchPipeline.sln")) ? "dotnet run --project jobs --" : "rp";
        output.WriteLine($"  query it:  {rp} query \"select * from research.network_benchmarks limit 5\" --warehouse {config.Warehouse}");
        return ok;
    }

    private static string? FindSamples()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "data-samples");
                if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "ResearchPipeline.sln")))
                {
                    return candidate;
                }
            }
        }

        // An installed rp (the .NET tool, an executable) carries the demo's samples beside itself.
        var installed = Path.Combine(AppContext.BaseDirectory, "data-samples");
        return Directory.Exists(installed) ? installed : null;
    }
}
