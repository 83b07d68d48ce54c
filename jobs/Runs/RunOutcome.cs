using ResearchPipeline.Warehouse.Runs;

namespace ResearchPipeline.Jobs.Runs;

/// <summary>How a run ended, as recorded in ops.runs; a command exits 0 only when it succeeded.</summary>
public sealed record RunOutcome(RunStatus Status, string Message)
{
    public int ExitCode => Status == RunStatus.Succeeded ? 0 : 1;
}
