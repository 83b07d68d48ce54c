using System.Linq.Expressions;
using Hangfire;

namespace ResearchPipeline.Jobs.Serve;

/// <summary>
/// The one table of jobs a schedule can name (<c>schedules:</c> in the config): the config reader accepts exactly these
/// names and <c>rp serve</c> registers each from here. A new scheduled job is one row here and one method on
/// <see cref="PipelineJobs"/>.
/// </summary>
public static class ScheduledJobs
{
    private static readonly (string Name, Expression<Action<PipelineJobs>> Call)[] Table =
    [
        ("pull", j => j.Pull(null)),
        ("scan_inbox", j => j.ScanInbox(null)),
        ("transform", j => j.Transform(null)),
        ("publish", j => j.Publish(null)),
        ("partner_reports", j => j.PartnerReports(null)),
        ("run", j => j.Run(null)),
    ];

    public static string[] Names { get; } = Table.Select(t => t.Name).ToArray();

    /// <summary>Registers each scheduled job of the config with Hangfire, in the config's time zone.</summary>
    public static void Register(IRecurringJobManager recurring, IReadOnlyDictionary<string, string> schedules, TimeZoneInfo zone)
    {
        foreach (var (name, call) in Table)
        {
            if (schedules.TryGetValue(name, out var cron))
            {
                recurring.AddOrUpdate(name, call, cron, new RecurringJobOptions { TimeZone = zone });
            }
        }
    }
}
