namespace ResearchPipeline.Transform.Runner;

public enum Severity
{
    Error,
    Warn,
}

/// <summary>A declared data test, compiled to a query that returns the failing rows.</summary>
public sealed record DataTest(string Model, string Name, Severity Severity, string FailingRowsSql, string? Description);
