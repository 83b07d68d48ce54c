namespace ResearchPipeline.Jobs.Commands.Status;

/// <summary>One run of ops.runs, as rp status shows it.</summary>
public sealed record RunRow(long RunId, string Job, DateTime StartedAt, DateTime? FinishedAt, string Status, string? Message);
