namespace ResearchPipeline.Jobs.Commands.Status;

/// <summary>What <c>rp status</c> reports (its JSON is these names in snake_case).</summary>
public sealed record WarehouseStatus(string Warehouse, IReadOnlyList<RunRow> Runs, IReadOnlyList<RunRow> Failures, PublishInfo? LastPublish,
    IReadOnlyList<WatermarkRow> Watermarks, long QuarantinedSincePublish, long BatchesSincePublish);
