using System.CommandLine;
using ResearchPipeline.Jobs.Cli;
using ResearchPipeline.Models;
using ResearchPipeline.Reports;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Jobs.Commands.Report;

/// <summary><c>rp report ic --team ID | --all [--wave W] [--out DIR]</c>: IC-map reports for TXNSI teams.</summary>
public static class IcCommand
{
    public static Command Create(CommonOptions common)
    {
        var team = new Option<string?>("--team") { Description = "TXNSI team id" };
        var all = CommonOptions.All("Every team with IC-map ratings");
        var wave = CommonOptions.Wave("Wave id (default: each team's latest)");
        var output = CommonOptions.Out();
        var command = new Command("ic", "IC-map reports for TXNSI teams.") { team, all, wave, output };
        command.SetAction(r =>
        {
            var context = common.Context(r);
            Write(context, r.GetValue(team), r.GetValue(all), r.GetValue(wave), r.GetValue(output) ?? context.Config.ReportsOut);
            return 0;
        });
        return command;
    }

    /// <summary>IC-map reports for one TXNSI team or all of them, for a wave (default: each team's latest).</summary>
    public static List<string> Write(RpContext context, string? team, bool all, string? wave, string outDir, ReportContext? stamp = null)
    {
        using var connection = context.OpenForReading();
        // --all --wave W: the teams rated in W (a team that did not rate then has nothing to report for it).
        var teams = all
            ? Db.Strings(connection, "select distinct unit_id from marts.ic_role_outcome_levels where $1 is null or wave_id = $1 order by 1", wave)
            : [team ?? throw new PipelineInputException("Say which team: --team ID, or --all.")];
        if (teams.Count == 0)
        {
            RatedWaves.Resolve(connection, wave, "IC-map ratings", "select distinct network_id, wave_id from marts.ic_role_outcome_levels"); // says why there is nothing
        }

        stamp ??= ReportStamp.For(context, connection, outDir);
        return ReportsInParallel.Write(connection, teams, (c, unit) =>
        {
            var waveId = RatedWaves.Resolve(c, wave, $"IC-map ratings of {unit}",
                "select distinct network_id, wave_id from marts.ic_role_outcome_levels where unit_id = $1", unit);
            return ResearchPipeline.Reports.Ic.IcReport.Write(c, unit, waveId, stamp);
        }, context.Output);
    }
}
