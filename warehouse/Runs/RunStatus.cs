namespace ResearchPipeline.Warehouse.Runs;

/// <summary>The status of a run in ops.runs (written there in lower case).</summary>
public enum RunStatus
{
    Running,
    Succeeded,
    Failed,
    Skipped,

    /// <summary>The process ended (killed, crashed, stopped) before the run finished; set when the next writer starts.</summary>
    Interrupted,
}
