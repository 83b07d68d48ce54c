using System.Net.Sockets;
using DuckDB.NET.Data;
using ResearchPipeline.Ingest.Api;
using ResearchPipeline.Models;
using ResearchPipeline.Transform.Runner;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Jobs.Cli;

/// <summary>
/// The one place where a failure becomes what the user reads: one <c>rp:</c> line saying what and where (details, such
/// as every problem of a config file, on the lines after it), and the exit code: 2 for input, usage or configuration
/// the user can fix, 1 for everything else. A stack trace only with <c>--verbose</c>.
/// </summary>
public static class ErrorBoundary
{
    public static int Run(TextWriter error, bool verbose, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex)
        {
            var (code, message) = Describe(ex);
            error.WriteLine("rp: " + message);
            if (verbose)
            {
                error.WriteLine(ex.ToString());
            }
            else if (code == 1 && !IsKnown(ex))
            {
                error.WriteLine("  (this looks like a bug in rp; --verbose shows where it happened)");
            }

            return code;
        }
    }

    /// <summary>The failure as one line: what ops.runs keeps as a failed run's reason.</summary>
    public static string OneLine(Exception ex) => Describe(ex).Message.Split('\n')[0].TrimEnd('\r');

    /// <summary>The exit code and message for an exception.</summary>
    public static (int Code, string Message) Describe(Exception ex) => ex switch
    {
        PipelineInputException => (2, ex.Message),
        PullFailedException => (1, ex.Message),
        DuckDBException d => (1, Warehouse(d)),
        ModelBuildException { InnerException: DuckDBException d } m => (1, $"building {m.Relation}: {Warehouse(d)}"),
        UnauthorizedAccessException => (1, $"permission denied: {ex.Message}"),
        FileNotFoundException or DirectoryNotFoundException => (2, ex.Message),
        IOException when ex.HResult is 28 or 112 || ex.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase) => (1, $"the disk is full: {ex.Message}"),
        IOException when ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase)
            => (1, $"{ex.Message} (another program uses that port; choose another with dashboard: {{ port: N }}, or 0 for any free port)"),
        IOException => (1, ex.Message),
        SocketException => (1, $"network: {ex.Message}"),
        OperationCanceledException => (1, "stopped before it finished"),
        _ => (1, $"unexpected {ex.GetType().Name}: {ex.Message.Split('\n')[0]}"),
    };

    /// <summary>Failures of input, configuration, the network, the disk or the warehouse: expected, not bugs.</summary>
    public static bool IsKnown(Exception ex) => ex is PipelineInputException or PullFailedException or DuckDBException or ModelBuildException or IOException
        or UnauthorizedAccessException or SocketException or OperationCanceledException;

    private static string Warehouse(DuckDBException ex)
    {
        var first = ex.Message.Split('\n')[0].Trim();
        if (Db.IsHeldElsewhere(ex))
        {
            return $"the warehouse is open in another process (a researcher's client should open the published snapshot instead): {first}";
        }

        return first.Contains("No space left", StringComparison.OrdinalIgnoreCase)
            ? $"the disk is full: {first}"
            : $"the warehouse refused the operation: {first}";
    }
}
