using System.CommandLine;
using ResearchPipeline.Ingest.Spreadsheets;
using ResearchPipeline.Jobs.Cli;
using ResearchPipeline.Models;

namespace ResearchPipeline.Jobs.Commands.Export;

/// <summary>
/// <c>rp export --format parquet|csv --out DIR</c>: every research view of the published snapshot; <c>--format sequences</c>:
/// the stage sequences (<see cref="SequenceExport"/>); or
/// <c>rp export --template workbook --wave W --out DIR</c>: the partnership workbook to send out for a wave.
/// </summary>
public static class ExportCommand
{
    public static Command Create(CommonOptions common)
    {
        var format = CommonOptions.Format(["parquet", "csv", "sequences"], "parquet | csv (research extract) | sequences (stage sequences for TraMineR and msm)", hasDefault: false);
        var output = CommonOptions.RequiredOut("Folder to write to (for --template, a folder or an .xlsx file)");
        var template = new Option<string?>("--template") { Description = "workbook: the partnership workbook to send out for --wave" };
        template.AcceptOnlyFromAmong("workbook");
        var wave = CommonOptions.Wave("Wave the workbook template is for");
        var network = new Option<string>("--network") { Description = "Network of the workbook template", DefaultValueFactory = _ => "ilead" };
        var partition = new Option<bool>("--partition") { Description = "Parquet: write each view with network_id and wave_id as a Hive-partitioned folder (network_id=…/wave_id=…/)" };
        var command = new Command("export", "Research extract of the published snapshot (--format parquet|csv), stage sequences for sequence analysis and multi-state models (--format sequences), or the partnership workbook template (--template workbook --wave W).")
        {
            format, output, template, wave, network, partition,
        };
        command.SetAction(r =>
        {
            var context = common.Context(r);
            var outPath = Path.GetFullPath(r.GetValue(output)!);
            if (r.GetValue(template) is not null)
            {
                var waveId = r.GetValue(wave) ?? throw new PipelineInputException("--template workbook needs --wave: the wave the partners will fill in.");
                Template(context, r.GetValue(network)!, waveId, outPath);
                return 0;
            }

            var fmt = r.GetValue(format) ?? throw new PipelineInputException("Say what to export: --format parquet|csv for a research extract, --format sequences for stage sequences, or --template workbook --wave W.");
            if (fmt == "sequences")
            {
                SequenceExport.Write(context, outPath);
                return 0;
            }

            if (r.GetValue(partition) && fmt != "parquet")
            {
                throw new PipelineInputException("--partition is for --format parquet (a Hive-partitioned dataset); CSV files come whole, with a schema.");
            }

            ResearchExtract.Write(context, fmt, outPath, r.GetValue(partition));
            return 0;
        });
        return command;
    }

    /// <summary>Writes the partnership workbook for a wave: what the hub sends out is exactly what comes back in.</summary>
    public static string Template(RpContext context, string network, string waveId, string outPath)
    {
        using var connection = context.OpenForReading();
        var path = outPath.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? outPath : Path.Combine(outPath, $"self-assessment-{network}-{waveId}.xlsx");
        var result = WorkbookTemplate.Write(connection, network, waveId, path);
        context.Output.WriteLine($"Wrote {result.Path}: {result.Sheets} sheets (one per unit), {result.Objectives} rows each, for wave {waveId} ({result.FrameworkId}).");
        context.Output.WriteLine($"  Send it out; when it comes back filled in: rp ingest {Path.GetFileName(result.Path)}");
        return result.Path;
    }
}
