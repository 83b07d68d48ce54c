namespace ResearchPipeline.Reports;

/// <summary>Settings every report needs: where to write, the suppression threshold, and the pipeline version stamp.</summary>
public sealed record ReportContext(string OutputDirectory, int MinCellSize, string PipelineVersion);
