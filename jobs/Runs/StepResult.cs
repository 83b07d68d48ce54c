namespace ResearchPipeline.Jobs.Runs;

/// <summary>How a job's step ended: succeeded with a short summary, or failed with the reason (both go to ops.runs.message).</summary>
public readonly record struct StepResult(bool Succeeded, string Message)
{
    public static StepResult Ok(string summary = "ok") => new(true, summary);

    public static StepResult Fail(string reason) => new(false, reason);
}
