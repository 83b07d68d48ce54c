using Microsoft.Extensions.Logging;

namespace ResearchPipeline.Jobs.Serve;

/// <summary>
/// Where rp serve says what it and its jobs do: plain lines on the console (the default), or, with
/// <c>--log-format json</c>, one JSON object per line from the JSON console formatter of Microsoft.Extensions.Logging,
/// each job line with the job's name and its Hangfire job id in its state (and in its scope), so that a log collector
/// can follow one job through its lines.
/// </summary>
public sealed partial class JobLog(ILogger<JobLog>? logger, TimeProvider clock)
{
    /// <summary>A job started.</summary>
    public void Started(string job, string jobId)
    {
        if (logger is null)
        {
            Console.WriteLine($"{clock.GetUtcNow():u} {job}: started (hangfire job {jobId})");
            return;
        }

        Lines(job, jobId, "started");
    }

    /// <summary>What a job's command printed, line by line.</summary>
    public void Output(string job, string jobId, string text)
    {
        if (logger is null)
        {
            Console.Write(text);
            return;
        }

        Lines(job, jobId, text);
    }

    /// <summary>A line of the server's own (its banner), with its named values.</summary>
    public void Server(TextWriter plain, string line)
    {
        if (logger is null)
        {
            plain.WriteLine(line);
            plain.Flush();
            return;
        }

        ServerLine(logger, line);
    }

    private void Lines(string job, string jobId, string text)
    {
        using var scope = logger!.BeginScope(new Dictionary<string, object> { ["Job"] = job, ["JobId"] = jobId });
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            JobLine(logger, job, jobId, line);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Line}")]
    private static partial void ServerLine(ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Job} (hangfire job {JobId}): {Line}")]
    private static partial void JobLine(ILogger logger, string job, string jobId, string line);
}
