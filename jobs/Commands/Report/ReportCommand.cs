using System.CommandLine;
using ResearchPipeline.Jobs.Cli;
using ResearchPipeline.Jobs.Runs;
using ResearchPipeline.Reports;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Jobs.Commands.Report;

/// <summary><c>rp report partner|hub|ic|paper</c>, and every report at once for rp run and the scheduled reports job.</summary>
public static class ReportCommand
{
    public static Command Create(CommonOptions common) =>
        new("report", "Write reports.") { PartnerCommand.Create(common), HubCommand.Create(common), IcCommand.Create(common), PaperCommand.Create(common) };

    /// <summary>Every report the warehouse has data for: partners' (latest iLEAD wave), the hub review, IC-map reports.</summary>
    public static StepResult All(RpContext context)
    {
        var outDir = context.Config.ReportsOut;
        bool ilead, icMaps;
        ReportContext stamp;
        using (var connection = context.OpenForReading())
        {
            ilead = Db.Strings(connection, "select 1 from core.ratings where network_id = 'ilead' limit 1").Count > 0;
            icMaps = Db.Strings(connection, "select 1 from marts.ic_role_outcome_levels limit 1").Count > 0;
            stamp = ReportStamp.For(context, connection, outDir); // the same data behind every report of the step: hashed once
        }

        var partners = 0;
        if (ilead)
        {
            partners = PartnerCommand.Write(context, null, all: true, wave: null, outDir, stamp).Count;
            HubCommand.Write(context, "ilead-dp-2018", null, outDir, stamp);
        }
        else
        {
            context.Output.WriteLine("No iLEAD ratings: no partner reports or hub review.");
        }

        var ic = 0;
        if (icMaps)
        {
            ic = IcCommand.Write(context, null, all: true, wave: null, outDir, stamp).Count;
        }
        else
        {
            context.Output.WriteLine("No IC-map ratings: no IC-map reports.");
        }

        return StepResult.Ok($"{partners} partner report(s), {(ilead ? 1 : 0)} hub review, {ic} IC-map report(s) in {outDir}");
    }
}
