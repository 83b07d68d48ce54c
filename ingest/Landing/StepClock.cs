using System.Diagnostics;

namespace ResearchPipeline.Ingest.Landing;

/// <summary>Where a landing's time went: each step's wall-clock seconds, in order (the benchmark prints them as a profile).</summary>
public sealed class StepClock
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(string Step, double Seconds)> _steps = [];

    public IReadOnlyList<(string Step, double Seconds)> Steps => _steps;

    /// <summary>Ends the current step, naming it, and starts the next.</summary>
    public void Lap(string step)
    {
        _steps.Add((step, _clock.Elapsed.TotalSeconds));
        _clock.Restart();
    }
}
