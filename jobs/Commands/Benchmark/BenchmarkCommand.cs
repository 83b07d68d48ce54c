using System.CommandLine;
using ResearchPipeline.Jobs.Benchmark;
using ResearchPipeline.Jobs.Cli;

namespace ResearchPipeline.Jobs.Commands.Benchmark;

/// <summary><c>rp benchmark</c>: the performance targets on the scale data, measured side by side in one run.</summary>
public static class BenchmarkCommand
{
    public static Command Create(CommonOptions common)
    {
        var data = new Option<string>("--data") { Description = "Folder with the scale data (written there by rp samples generate --scale when missing)", DefaultValueFactory = _ => "bench-data" };
        var output = new Option<string>("--out") { Description = "Working folder (wiped first): warehouse, read_csv baseline, reports", DefaultValueFactory = _ => "bench-out" };
        var reports = new Option<int>("--reports") { Description = "How many partner reports to time", DefaultValueFactory = _ => 20 };
        var chromium = new Option<string>("--chromium") { Description = "Chromium to time the reports' first text in (none there: sizes only)", DefaultValueFactory = _ => "/usr/bin/chromium" };
        var command = new Command("benchmark", "Performance on the scale data, side by side in one run: ingest vs DuckDB read_csv, full and incremental transform, partner reports, peak memory; each with its ratio to the target; then each report kind's size and time to first text.")
        {
            data, output, reports, chromium,
        };
        command.SetAction(r =>
        {
            var benchmark = new ScaleBenchmark(r.GetValue(data)!, r.GetValue(output)!, Math.Max(1, r.GetValue(reports)), common.Output, r.GetValue(chromium)!);
            var figures = benchmark.Run();
            ScaleBenchmark.Print(figures, common.Output);
            ReportWeights.Print(benchmark.Weights, common.Output);
            return 0;
        });
        return command;
    }
}
