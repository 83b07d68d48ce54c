namespace ResearchPipeline.Jobs.Commands.Doctor;

public enum CheckStatus
{
    Ok,
    Warn,
    Fail,
}

/// <summary>One line of rp doctor: how the check came out, what it checked, and what was found (and what to do).</summary>
public sealed record CheckLine(CheckStatus Status, string Name, string Detail);
