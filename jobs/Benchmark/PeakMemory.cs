using System.Diagnostics;
using System.Globalization;

namespace ResearchPipeline.Jobs.Benchmark;

/// <summary>
/// The peak resident memory of this process (DuckDB's native memory included) over one stretch of work: Linux's
/// high-water mark (VmHWM), reset before the stretch through <c>/proc/self/clear_refs</c>. Elsewhere, or where the reset
/// is refused, the process's peak since it started (then a phase's figure may include an earlier phase's peak).
/// </summary>
internal static class PeakMemory
{
    private const string Status = "/proc/self/status";

    /// <summary>Starts a stretch: the high-water mark drops to what the process holds now.</summary>
    public static void Reset()
    {
        GC.Collect();
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or not allowed: Gigabytes() reports the peak since the process started.
        }
    }

    /// <summary>The peak since the last <see cref="Reset"/>, in GB (2³⁰ bytes).</summary>
    public static double Gigabytes()
    {
        if (File.Exists(Status))
        {
            var line = File.ReadLines(Status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null && long.TryParse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture, out var kilobytes))
            {
                return kilobytes / 1_048_576.0;
            }
        }

        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / 1_073_741_824.0;
    }
}
