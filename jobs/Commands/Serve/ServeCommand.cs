using System.CommandLine;
using ResearchPipeline.Jobs.Cli;
using ResearchPipeline.Jobs.Serve;

namespace ResearchPipeline.Jobs.Commands.Serve;

/// <summary><c>rp serve [--log-format text|json]</c>: the Hangfire server with the config's schedules, and its dashboard on 127.0.0.1.</summary>
public static class ServeCommand
{
    public static Command Create(CommonOptions common)
    {
        var logFormat = new Option<string>("--log-format")
        {
            Description = "text | json: one JSON object per line (Microsoft.Extensions.Logging's JSON console formatter), the job id in every job line",
            DefaultValueFactory = _ => "text",
        };
        logFormat.AcceptOnlyFromAmong("text", "json");
        var command = new Command("serve", "Scheduler (Hangfire) with the config's schedules and the dashboard on 127.0.0.1.") { logFormat };
        command.SetAction(r => ServeHost.Run(common.ConfigOf(r), common.Output, r.GetValue(logFormat) == "json"));
        return command;
    }
}
