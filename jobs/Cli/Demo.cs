using ResearchPipeline.Jobs.Config;
using ResearchPipeline.Models;

namespace ResearchPipeline.Jobs.Cli;

/// <summary>`rp demo`: a fresh warehouse from data-samples/, transform, checks, every partner report.</summary>
public static class Demo
{
    public static int Run(string outDir, string? samplesDir, TextWriter output, TimeProvider clock)
    {
        var samples = samplesDir ?? FindSamples()
            ?? throw new PipelineInputException("Cannot find data-samples/: run from the repository root or pass --samples DIR.");
        var root = Path.GetFullPath(outDir);
        var warehouseDir = Path.Combine(root, "warehouse");
        if (Directory.Exists(warehouseDir))
        {
            Directory.Delete(warehouseDir, recursive: true);
        }

        var config = PipelineConfig.Defaults(root) with { ReportsOut = Path.Combine(root, "reports") };
        var pipeline = new Pipeline(config, output, clock);
        output.WriteLine("== init");
        pipeline.Init();
        output.WriteLine($"== ingest {samples}");
        var results = pipeline.Ingest([samples]);
        var surveys = Path.Combine(samples, "surveys");
        if (Directory.Exists(surveys))
        {
            output.WriteLine($"== ingest survey exports {surveys} (each with the <name>.mapping.yaml beside it)");
            results.AddRange(pipeline.Ingest([surveys]));
        }

        var workbooks = Path.Combine(samples, "workbooks");
        if (Directory.Exists(workbooks))
        {
            output.WriteLine($"== ingest partnership workbooks {workbooks}");
            results.AddRange(pipeline.Ingest([workbooks]));
        }
        output.WriteLine("== transform");
        pipeline.Transform();
        output.WriteLine("== check");
        var ok = pipeline.Check();
        output.WriteLine("== publish");
        var published = pipeline.Publish();
        output.WriteLine("== partner reports");
        var reports = pipeline.PartnerReports(null, all: true, wave: null, Path.Combine(config.ReportsOut));
        output.WriteLine("== hub review");
        pipeline.HubReport("ilead-dp-2018", null, config.ReportsOut);
        output.WriteLine("== IC-map reports");
        var ic = pipeline.IcReports(null, all: true, wave: null, config.ReportsOut);
        var spec = Path.Combine(samples, "papers", "ilead-network-trajectories.yaml");
        if (File.Exists(spec))
        {
            output.WriteLine("== paper pack");
            pipeline.PaperPack(spec, config.ReportsOut);
        }

        output.WriteLine();
        var replaced = results.Sum(r => r.SupersededRows);
        output.WriteLine($"Demo finished: {results.Sum(r => r.RowsLoaded) - replaced} ratings in the warehouse ({results.Sum(r => r.RowsLoaded)} loaded from {results.Count} files, " +
                         $"{replaced} of them replacing the same rating from an earlier file), {results.Sum(r => r.RowsQuarantined)} quarantined, {reports.Count} partner reports, 1 hub review, {ic.Count} IC-map reports.");
        output.WriteLine($"  warehouse: {config.Warehouse}");
        output.WriteLine($"  reports:   {config.ReportsOut} (partner/, hub/, ic/, paper/)");
        output.WriteLine($"  open one:  {reports.FirstOrDefault()}");
        output.WriteLine($"  snapshot:  {published.SnapshotPath} (data dictionary: {published.DictionaryHtml})");
        output.WriteLine($"  query it:  dotnet run --project jobs -- query \"select * from research.network_benchmarks limit 5\" --warehouse {config.Warehouse}");
        return ok ? 0 : 1;
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

        return null;
    }
}
