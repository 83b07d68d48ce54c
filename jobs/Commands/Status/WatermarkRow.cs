namespace ResearchPipeline.Jobs.Commands.Status;

/// <summary>An API source's watermark, as rp status shows it.</summary>
public sealed record WatermarkRow(string Source, string Watermark, DateTime UpdatedAt);
