using System.CommandLine;
using ResearchPipeline.Jobs.Cli;
using ResearchPipeline.Jobs.Serve;

namespace ResearchPipeline.Jobs.Commands.Serve;

/// <summary><c>rp serve</c>: the Hangfire server with the config's schedules, and its dashboard on 127.0.0.1.</summary>
public static class ServeCommand
{
    public static Command Create(CommonOptions common)
    {
        var command = new Command("serve", "Scheduler (Hangfire) with the config's schedules and the dashboard on 127.0.0.1.");
        command.SetAction(r => ServeHost.Run(common.ConfigOf(r), common.Output));
        return command;
    }
}
