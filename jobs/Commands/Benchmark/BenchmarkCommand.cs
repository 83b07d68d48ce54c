using System.CommandLine;
using System.Globalization;
using ResearchPipeline.Jobs.Benchmark;
using ResearchPipeline.Jobs.Cli;
using ResearchPipeline.Models;

namespace ResearchPipeline.Jobs.Commands.Benchmark;

/// <summary><c>rp benchmark</c>: the performance targets on the scale data, measured side by side in each of several runs.</summary>
public static class BenchmarkCommand
{
    public static Command Create(CommonOptions common)
    {
        var data = new Option<string>("--data") { Description = "Folder with the scale data (written there by rp samples generate --scale when missing)", DefaultValueFactory = _ => "bench-data" };
        var output = new Option<string>("--out") { Description = "Working folder (wiped first): warehouses, read_csv baseline, reports", DefaultValueFactory = _ => "bench-out" };
        var runs = new Option<int>("--runs") { Description = "How many times to run the measured sequence (each figure: min, median, max)", DefaultValueFactory = _ => 3 };
        var reports = new Option<int>("--reports") { Description = "How many partner reports to time one by one", DefaultValueFactory = _ => 20 };
        var allReports = new Option<bool>("--all-reports") { Description = "Also time rp report partner --all (every partnership at scale) in each run" };
        var scales = new Option<string?>("--scales") { Description = "Other scales for cost per row, as multiples of the scale data: e.g. 0.1,10 (10: 10,000 partnerships, about 20 M rows)" };
        var chromium = new Option<string>("--chromium") { Description = "Chromium to time the reports' first text in (none there: sizes only)", DefaultValueFactory = _ => "/usr/bin/chromium" };
        var command = new Command("benchmark", "Performance on the scale data: ingest vs DuckDB read_csv (clean and with bad rows), full and incremental transform, partner reports, peak memory; each target with min, median and max over the runs and its ratio; cost per row at other scales; each report kind's size and time to first text.")
        {
            data, output, runs, reports, allReports, scales, chromium,
        };
        command.SetAction(r =>
        {
            var runCount = r.GetValue(runs);
            if (runCount < 1)
            {
                throw new PipelineInputException($"--runs {runCount}: run at least once.");
            }

            var benchmark = new ScaleBenchmark(
                new ScaleBenchmark.Options(r.GetValue(data)!, r.GetValue(output)!, runCount, Math.Max(1, r.GetValue(reports)), r.GetValue(allReports),
                    Scales(r.GetValue(scales)), r.GetValue(chromium)!),
                common.Output);
            var figures = benchmark.Run();
            ScaleBenchmark.Print(figures, runCount, common.Output);
            ScaleSweep.Print(benchmark.Sweep, common.Output);
            ReportWeights.Print(benchmark.Weights, common.Output);
            return 0;
        });
        return command;
    }

    /// <summary>"0.1,10" → [0.1, 10]; a value that is not a positive number is refused before anything runs.</summary>
    public static List<double> Scales(string? text)
    {
        var list = new List<double>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) || scale <= 0 || scale > 100)
            {
                throw new PipelineInputException($"--scales: \"{part}\" is not a scale (a number above 0 and at most 100, e.g. 0.1 or 10).");
            }

            list.Add(scale);
        }

        return list;
    }
}
