using DuckDB.NET.Data;

namespace ResearchPipeline.Jobs.Commands.Report;

/// <summary>
/// Writes one report per id on every core, each worker with its own connection to the same read-only warehouse (opened as the caller opened it) and one
/// report in memory at a time (memory stays bounded however many reports there are). Paths are said, and returned,
/// in the ids' order, each as soon as every report before it is written.
/// </summary>
public static class ReportsInParallel
{
    public static List<string> Write(DuckDBConnection connection, IReadOnlyList<string> ids, Func<DuckDBConnection, string, string> write, TextWriter output)
    {
        var paths = new string?[ids.Count];
        var said = 0;
        var gate = new object();
        void Done(int i, string path)
        {
            lock (gate)
            {
                paths[i] = path;
                while (said < paths.Length && paths[said] is { } next)
                {
                    output.WriteLine($"  {next}");
                    said++;
                }
            }
        }

        if (ids.Count <= 1)
        {
            for (var i = 0; i < ids.Count; i++)
            {
                Done(i, write(connection, ids[i]));
            }

            return paths.Select(p => p!).ToList();
        }

        // A report that fails stops the others from starting more; its own error is the one the caller sees.
        var workers = Math.Min(Environment.ProcessorCount, ids.Count);
        var next = -1;
        var failed = false;
        var tasks = Enumerable.Range(0, workers).Select(_ => Task.Run(() =>
        {
            using var own = new DuckDBConnection(connection.ConnectionString);
            own.Open();
            for (var i = Interlocked.Increment(ref next); i < ids.Count && !Volatile.Read(ref failed); i = Interlocked.Increment(ref next))
            {
                try
                {
                    Done(i, write(own, ids[i]));
                }
                catch
                {
                    Volatile.Write(ref failed, true);
                    throw;
                }
            }
        })).ToArray();
        try
        {
            Task.WaitAll(tasks);
        }
        catch (AggregateException ex)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }

        return paths.Select(p => p!).ToList();
    }
}
