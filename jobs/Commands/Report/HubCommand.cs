using System.CommandLine;
using ResearchPipeline.Jobs.Cli;
using ResearchPipeline.Models;
using ResearchPipeline.Reports;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Jobs.Commands.Report;

/// <summary><c>rp report hub [--framework F] [--wave W] [--out DIR]</c>: the hub review, identified, for one wave.</summary>
public static class HubCommand
{
    public static Command Create(CommonOptions common)
    {
        var framework = new Option<string>("--framework") { Description = "Framework of the review", DefaultValueFactory = _ => "ilead-dp-2018" };
        var wave = CommonOptions.Wave();
        var output = CommonOptions.Out();
        var command = new Command("hub", "The hub review: the network, identified, for one wave.") { framework, wave, output };
        command.SetAction(r =>
        {
            var context = common.Context(r);
            Write(context, r.GetValue(framework)!, r.GetValue(wave), r.GetValue(output) ?? context.Config.ReportsOut);
            return 0;
        });
        return command;
    }

    /// <summary>The hub review for a wave with ratings (default: the latest).</summary>
    public static string Write(RpContext context, string frameworkId, string? wave, string outDir, ReportContext? stamp = null)
    {
        using var connection = context.OpenForReading();
        var waveId = RatedWaves.Resolve(connection, wave, $"{frameworkId} ratings", "select distinct network_id, wave_id from core.ratings where framework_id = $1", frameworkId);
        var path = ResearchPipeline.Reports.Hub.HubReport.Write(connection, frameworkId, waveId, stamp ?? ReportStamp.For(context, connection, outDir));
        context.Output.WriteLine($"  {path}");
        return path;
    }
}
