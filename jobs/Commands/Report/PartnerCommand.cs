using System.CommandLine;
using ResearchPipeline.Jobs.Cli;
using ResearchPipeline.Models;
using ResearchPipeline.Reports;
using ResearchPipeline.Reports.Partner;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Jobs.Commands.Report;

/// <summary><c>rp report partner --partnership ID | --all [--wave W] [--out DIR]</c>: partner annual reports.</summary>
public static class PartnerCommand
{
    public static Command Create(CommonOptions common)
    {
        var partnership = new Option<string?>("--partnership") { Description = "Partnership id, e.g. uva-chesterfield" };
        var all = CommonOptions.All("Every partnership with ratings");
        var wave = CommonOptions.Wave();
        var output = CommonOptions.Out();
        var command = new Command("partner", "Partner annual reports.") { partnership, all, wave, output };
        command.SetAction(r =>
        {
            var context = common.Context(r);
            Write(context, r.GetValue(partnership), r.GetValue(all), r.GetValue(wave), r.GetValue(output) ?? context.Config.ReportsOut);
            return 0;
        });
        return command;
    }

    /// <summary>Writes the reports; <paramref name="stamp"/> is the one an rp run or demo took for all its reports (else taken here).</summary>
    public static List<string> Write(RpContext context, string? unitId, bool all, string? wave, string outDir, ReportContext? stamp = null)
    {
        using var connection = context.OpenForReading();
        var waveId = RatedWaves.Resolve(connection, wave, "iLEAD ratings", "select distinct network_id, wave_id from core.ratings where network_id = 'ilead'");
        var units = all
            ? Db.Strings(connection, "select distinct unit_id from core.ratings where network_id = 'ilead' order by 1")
            : [unitId ?? throw new PipelineInputException("Say which partnership: --partnership ID, or --all.")];
        stamp ??= ReportStamp.For(context, connection, outDir);
        return ReportsInParallel.Write(connection, units, (c, unit) => PartnerReport.Write(c, unit, waveId, stamp), context.Output);
    }
}
