using System.CommandLine;
using ResearchPipeline.Jobs.Config;
using ResearchPipeline.Jobs.Samples;
using ResearchPipeline.Models;

namespace ResearchPipeline.Jobs.Cli;

/// <summary>The `rp` command tree (spec section 8). Exit codes: 0 success, 1 failure, 2 usage, configuration or rejected input.</summary>
public static class CommandLine
{
    public static int Run(string[] args, TextWriter output, TextWriter error, TimeProvider clock)
    {
        var configOption = new Option<string?>("--config") { Description = "Pipeline config (YAML)", Recursive = true };
        var warehouseOption = new Option<string?>("--warehouse") { Description = "Warehouse file (overrides the config)", Recursive = true };
        var root = new RootCommand("ResearchPipeline: rubric ratings into a DuckDB warehouse and reports.");
        root.Options.Add(configOption);
        root.Options.Add(warehouseOption);

        PipelineConfig Config(ParseResult r)
        {
            var path = r.GetValue(configOption);
            var config = path is null ? PipelineConfig.Defaults(Directory.GetCurrentDirectory()) : PipelineConfig.Load(path);
            if (r.GetValue(warehouseOption) is not { } w)
            {
                return config;
            }

            // Without a config file the snapshot goes beside the warehouse it was published from.
            var warehouse = Path.GetFullPath(w);
            return path is null
                ? config with { Warehouse = warehouse, PublishTo = Path.Combine(Path.GetDirectoryName(warehouse)!, "published") }
                : config with { Warehouse = warehouse };
        }

        Pipeline Make(ParseResult r) => new(Config(r), output, clock);

        var outOption = new Option<string?>("--out") { Description = "Output folder" };
        var samplesOption = new Option<string?>("--samples") { Description = "Sample folder (default: data-samples/ of the repository)" };
        var demo = new Command("demo", "Fresh warehouse from data-samples, every report; prints where everything is.") { outOption, samplesOption };
        demo.SetAction(r => Guard(error, () => Demo.Run(r.GetValue(outOption) ?? "demo-out", r.GetValue(samplesOption), output, clock)));

        var init = new Command("init", "Create the warehouse, load frameworks and roster.");
        init.SetAction(r => Guard(error, () =>
        {
            Make(r).Init();
            return 0;
        }));

        var paths = new Argument<string[]>("path") { Description = "Files or folders to load", Arity = ArgumentArity.OneOrMore };
        var strict = new Option<bool>("--strict") { Description = "Exit 1 when any row is quarantined" };
        var mappingOption = new Option<string?>("--mapping") { Description = "Mapping file (YAML) for survey exports; default: <file>.mapping.yaml beside each file" };
        var ingest = new Command("ingest", "Load files (kind detected from the header; survey exports with a mapping).") { paths, strict, mappingOption };
        ingest.SetAction(r => Guard(error, () =>
        {
            var pipeline = Make(r);
            return pipeline.Exclusive("ingest", () =>
            {
                var results = pipeline.Ingest(r.GetValue(paths)!, r.GetValue(mappingOption));
                return r.GetValue(strict) && results.Any(x => x.RowsQuarantined > 0) ? 1 : 0;
            });
        }));

        var sourceOption = new Option<string?>("--source") { Description = "Pull only this source (its name in the config)" };
        var pull = new Command("pull", "Pull the configured API sources (Qualtrics, REDCap) since their watermarks.") { sourceOption };
        pull.SetAction(r => Guard(error, () =>
        {
            var pipeline = Make(r);
            return pipeline.Exclusive("pull", () => pipeline.Pull(r.GetValue(sourceOption)) ? 0 : 1);
        }));

        var serve = new Command("serve", "Scheduler (Hangfire) with the config's schedules and the dashboard on 127.0.0.1.");
        serve.SetAction(r => Guard(error, () => ResearchPipeline.Jobs.Serve.ServeHost.Run(Config(r), output)));

        var run = new Command("run", "One full pass: pull, ingest the inbox, transform, check, publish, reports; each step in ops.runs.");
        run.SetAction(r => Guard(error, () => Make(r).RunAll()));

        var full = new Option<bool>("--full") { Description = "Rebuild everything" };
        var transform = new Command("transform", "Build staging, intermediate and marts, then run data tests.") { full };
        transform.SetAction(r => Guard(error, () =>
        {
            var pipeline = Make(r);
            return pipeline.Exclusive("transform", () =>
            {
                pipeline.Transform(r.GetValue(full));
                return pipeline.Check() ? 0 : 1;
            });
        }));

        var check = new Command("check", "Data tests only; exit 1 if any error-level test fails.");
        check.SetAction(r => Guard(error, () => Make(r).Check() ? 0 : 1));

        var partnership = new Option<string?>("--partnership") { Description = "Partnership id, e.g. uva-chesterfield" };
        var all = new Option<bool>("--all") { Description = "Every partnership with ratings" };
        var wave = new Option<string?>("--wave") { Description = "Wave id (default: the latest with ratings)" };
        var reportOut = new Option<string?>("--out") { Description = "Output folder (default: reports_out of the config)" };
        var partner = new Command("partner", "Partner annual reports.") { partnership, all, wave, reportOut };
        partner.SetAction(r => Guard(error, () =>
        {
            var pipeline = Make(r);
            pipeline.PartnerReports(r.GetValue(partnership), r.GetValue(all), r.GetValue(wave), r.GetValue(reportOut) ?? pipeline.Config.ReportsOut);
            return 0;
        }));
        var hubFramework = new Option<string>("--framework") { Description = "Framework of the review", DefaultValueFactory = _ => "ilead-dp-2018" };
        var hubWave = new Option<string?>("--wave") { Description = "Wave id (default: the latest with ratings)" };
        var hubOut = new Option<string?>("--out") { Description = "Output folder (default: reports_out of the config)" };
        var hub = new Command("hub", "The hub review: the network, identified, for one wave.") { hubFramework, hubWave, hubOut };
        hub.SetAction(r => Guard(error, () =>
        {
            var pipeline = Make(r);
            pipeline.HubReport(r.GetValue(hubFramework)!, r.GetValue(hubWave), r.GetValue(hubOut) ?? pipeline.Config.ReportsOut);
            return 0;
        }));
        var team = new Option<string?>("--team") { Description = "TXNSI team id" };
        var icAll = new Option<bool>("--all") { Description = "Every team with IC-map ratings" };
        var icWave = new Option<string?>("--wave") { Description = "Wave id (default: each team's latest)" };
        var icOut = new Option<string?>("--out") { Description = "Output folder (default: reports_out of the config)" };
        var ic = new Command("ic", "IC-map reports for TXNSI teams.") { team, icAll, icWave, icOut };
        ic.SetAction(r => Guard(error, () =>
        {
            var pipeline = Make(r);
            pipeline.IcReports(r.GetValue(team), r.GetValue(icAll), r.GetValue(icWave), r.GetValue(icOut) ?? pipeline.Config.ReportsOut);
            return 0;
        }));
        var spec = new Option<string>("--spec") { Description = "Paper spec (YAML): name, framework, figures, tables", Required = true };
        var paperOut = new Option<string?>("--out") { Description = "Output folder (default: reports_out of the config)" };
        var paper = new Command("paper", "Conference paper pack: figures, tables (CSV, Markdown, LaTeX), manifest; from the published snapshot.") { spec, paperOut };
        paper.SetAction(r => Guard(error, () =>
        {
            var pipeline = Make(r);
            pipeline.PaperPack(r.GetValue(spec)!, r.GetValue(paperOut) ?? pipeline.Config.ReportsOut);
            return 0;
        }));
        var report = new Command("report", "Write reports.") { partner, hub, ic, paper };

        var sql = new Argument<string>("sql") { Description = "A read-only SQL query" };
        var format = new Option<string>("--format") { Description = "table | csv | json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        var query = new Command("query", "Read-only query against the published snapshot.") { sql, format };
        query.SetAction(r => Guard(error, () =>
        {
            Make(r).QueryTo(r.GetValue(sql)!, r.GetValue(format)!);
            return 0;
        }));

        var publish = new Command("publish", "Write the researchers' read-only snapshot with its data dictionary (publish_to).");
        publish.SetAction(r => Guard(error, () =>
        {
            var pipeline = Make(r);
            return pipeline.Exclusive("publish", () =>
            {
                pipeline.Publish();
                return 0;
            });
        }));

        var exportFormat = new Option<string?>("--format") { Description = "parquet | csv (research extract)" };
        exportFormat.AcceptOnlyFromAmong("parquet", "csv");
        var exportOut = new Option<string>("--out") { Description = "Folder to write to (for --template, a folder or an .xlsx file)", Required = true };
        var exportTemplate = new Option<string?>("--template") { Description = "workbook: the partnership workbook to send out for --wave" };
        exportTemplate.AcceptOnlyFromAmong("workbook");
        var exportWave = new Option<string?>("--wave") { Description = "Wave the workbook template is for" };
        var exportNetwork = new Option<string>("--network") { Description = "Network of the workbook template", DefaultValueFactory = _ => "ilead" };
        var export = new Command("export", "Research extract of the published snapshot (--format parquet|csv), or the partnership workbook template (--template workbook --wave W).")
        {
            exportFormat, exportOut, exportTemplate, exportWave, exportNetwork,
        };
        export.SetAction(r => Guard(error, () =>
        {
            var outPath = Path.GetFullPath(r.GetValue(exportOut)!);
            if (r.GetValue(exportTemplate) is not null)
            {
                var waveId = r.GetValue(exportWave) ?? throw new PipelineInputException("--template workbook needs --wave: the wave the partners will fill in.");
                Make(r).ExportTemplate(r.GetValue(exportNetwork)!, waveId, outPath);
                return 0;
            }

            var fmt = r.GetValue(exportFormat) ?? throw new PipelineInputException("Say what to export: --format parquet|csv for a research extract, or --template workbook --wave W.");
            Make(r).Export(fmt, outPath);
            return 0;
        }));

        var genOut = new Option<string>("--out") { Description = "Folder to write", Required = true };
        var genPartnerships = new Option<int>("--partnerships") { DefaultValueFactory = _ => 11 };
        var genWaves = new Option<int>("--waves") { DefaultValueFactory = _ => 5 };
        var genRaters = new Option<int>("--raters") { Description = "Most raters per partnership (3 at least)", DefaultValueFactory = _ => 8 };
        var genSeed = new Option<int>("--seed") { DefaultValueFactory = _ => 42 };
        var genSurveys = new Option<bool>("--surveys") { Description = "Also write the ratings as Qualtrics, SurveyMonkey and Google Forms exports with their mapping files (surveys/)" };
        var genWorkbooks = new Option<bool>("--workbooks") { Description = "Also write partnership workbooks (.xlsx): a filled one and a hand-edited one (workbooks/)" };
        var genFull = new Option<bool>("--full-response") { Description = "Every partnership has exactly --raters raters, and every rater rates every objective in every wave" };
        var genExtra = new Option<bool>("--extra-wave") { Description = "One more wave after --waves, in its own file (ilead-ratings-extra-wave.csv), for an incremental build" };
        var genScale = new Option<bool>("--scale") { Description = "The scale data of spec §10: --partnerships 1000 --waves 10 --raters 8 --full-response --extra-wave (≈1.9 M ratings)" };
        var generate = new Command("generate", "Synthetic ratings in the long format (+ roster.csv for invented units, survey exports with --surveys, workbooks with --workbooks).")
        {
            genOut, genPartnerships, genWaves, genRaters, genSeed, genSurveys, genWorkbooks, genFull, genExtra, genScale,
        };
        generate.SetAction(r => Guard(error, () =>
        {
            var scale = r.GetValue(genScale);
            var n = scale ? 1000 : r.GetValue(genPartnerships);
            var waves = scale ? 10 : r.GetValue(genWaves);
            var raters = scale ? 8 : r.GetValue(genRaters);
            if (n < 1 || waves < 1 || raters < 1)
            {
                throw new PipelineInputException("--partnerships, --waves and --raters must be at least 1.");
            }

            var written = new SampleGenerator(new SampleOptions(n, waves, raters, r.GetValue(genSeed), Surveys: r.GetValue(genSurveys), Workbooks: r.GetValue(genWorkbooks),
                FullResponse: scale || r.GetValue(genFull), ExtraWave: scale || r.GetValue(genExtra))).Generate(r.GetValue(genOut)!);
            output.WriteLine($"Wrote {written.Ratings} synthetic rating rows:");
            foreach (var f in written.Files)
            {
                output.WriteLine($"  {f}");
            }

            return 0;
        }));
        var samples = new Command("samples", "Synthetic sample data.") { generate };

        var benchData = new Option<string>("--data") { Description = "Folder with the scale data (written there by rp samples generate --scale when missing)", DefaultValueFactory = _ => "bench-data" };
        var benchOut = new Option<string>("--out") { Description = "Working folder (wiped first): warehouse, read_csv baseline, reports", DefaultValueFactory = _ => "bench-out" };
        var benchReports = new Option<int>("--reports") { Description = "How many partner reports to time", DefaultValueFactory = _ => 20 };
        var benchmark = new Command("benchmark", "Spec §10 on the scale data, side by side in one run: ingest vs DuckDB read_csv, full and incremental transform, partner reports, peak memory; each with its ratio to the target.")
        {
            benchData, benchOut, benchReports,
        };
        benchmark.SetAction(r => Guard(error, () =>
        {
            var figures = new Benchmark.ScaleBenchmark(r.GetValue(benchData)!, r.GetValue(benchOut)!, Math.Max(1, r.GetValue(benchReports)), output).Run();
            Benchmark.ScaleBenchmark.Print(figures, output);
            return 0;
        }));

        root.Subcommands.Add(demo);
        root.Subcommands.Add(init);
        root.Subcommands.Add(ingest);
        root.Subcommands.Add(pull);
        root.Subcommands.Add(run);
        root.Subcommands.Add(serve);
        root.Subcommands.Add(transform);
        root.Subcommands.Add(check);
        root.Subcommands.Add(report);
        root.Subcommands.Add(publish);
        root.Subcommands.Add(query);
        root.Subcommands.Add(export);
        root.Subcommands.Add(samples);
        root.Subcommands.Add(benchmark);

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors)
            {
                error.WriteLine("rp: " + e.Message);
            }

            error.WriteLine("Try 'rp --help'.");
            return 2;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    private static int Guard(TextWriter error, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (PipelineInputException ex)
        {
            error.WriteLine("rp: " + ex.Message);
            return 2;
        }
        catch (DuckDB.NET.Data.DuckDBException ex)
        {
            error.WriteLine("rp: the warehouse refused the operation: " + ex.Message.Split('\n')[0]);
            return 1;
        }
    }
}
