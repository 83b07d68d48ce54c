namespace ResearchPipeline.Transform.Runner;

/// <summary>The result of one data test in one run.</summary>
public sealed record TestOutcome(DataTest Test, long FailingRows)
{
    public bool Passed => FailingRows == 0;

    public string Status => Passed ? "pass" : Test.Severity == Severity.Warn ? "warn" : "fail";
}
