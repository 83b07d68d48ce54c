using System.Globalization;
using DuckDB.NET.Data;
using ResearchPipeline.TestSupport;

namespace ResearchPipeline.Jobs.Tests;

/// <summary>
/// Kills the rp process (SIGKILL) at several points during ingest and during transform, then runs the same command
/// again: the warehouse opens, nothing is half-written, and the final tables equal those of a clean run.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.EndToEnd)]
public sealed class CrashSafetyTests : IDisposable
{
    // Kill points as shares of how long the same command takes as a process on this machine, so that they fall
    // inside the run whether the machine is fast or busy.
    private static readonly double[] KillAt = [0.3, 0.55, 0.8];
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rp-crash-" + Guid.NewGuid().ToString("N")[..10])).FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<bool> RunAndKill(string[] args, int afterMs)
    {
        using var process = RpCli.Start(args);
        await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(afterMs));
        if (process.HasExited)
        {
            return false; // it finished before the kill point
        }

        process.Kill(); // SIGKILL on Linux: no cleanup runs
        await process.WaitForExitAsync();
        return true;
    }

    /// <summary>How long the command takes as its own process, start-up included, in milliseconds.</summary>
    private static async Task<int> TimeAsProcess(string[] args)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var process = RpCli.Start(args);
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"rp {string.Join(' ', args)} exited {process.ExitCode}");
        return (int)clock.ElapsedMilliseconds;
    }

    private static string Fingerprint(string warehouse, string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={warehouse};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }

    private const string Ratings = "select count(*) || ':' || coalesce(md5(string_agg(concat_ws('|', rating_id, unit_id, role_code, rater_key, dimension_code, wave_id, level_value), ',' order by rating_id)), '') from core.ratings";
    private const string Marts = "select (select count(*) from marts.stage_history) || ':' || (select md5(string_agg(concat_ws('|', unit_id, role_code, dimension_code, wave_id, stage, prev_stage), ',' order by unit_id, role_code, dimension_code, wave_id)) from marts.stage_history) || ':' || (select md5(string_agg(concat_ws('|', dimension_code, wave_id, median, n_units), ',' order by dimension_code, wave_id)) from marts.network_benchmarks)";

    [Fact]
    public async Task Kill9_DuringIngestAndTransform_RerunEndsEqualToACleanRunAndKilledRunsAreClosedAsInterrupted()
    {
        var samples = Path.Combine(_dir, "samples");
        RpCli.Ok("samples", "generate", "--out", samples, "--partnerships", "60", "--waves", "5", "--raters", "8", "--seed", "11");
        var roster = Path.Combine(samples, "roster.csv");
        var ratings = Path.Combine(samples, "ilead-ratings.csv");

        var clean = Path.Combine(_dir, "clean", "pipeline.duckdb");
        RpCli.Ok("init", "--warehouse", clean);
        RpCli.Ok("ingest", roster, "--warehouse", clean);
        var ingestMs = await TimeAsProcess(["ingest", ratings, "--warehouse", clean]);
        var transformMs = await TimeAsProcess(["transform", "--warehouse", clean]);

        var crashed = Path.Combine(_dir, "crashed", "pipeline.duckdb");
        Directory.CreateDirectory(Path.GetDirectoryName(crashed)!);
        File.Copy(clean + ".key", crashed + ".key"); // the same pseudonym key, so the same rater keys (before init records it)
        RpCli.Ok("init", "--warehouse", crashed);
        RpCli.Ok("ingest", roster, "--warehouse", crashed);
        var killed = 0;
        foreach (var ms in KillAt.Select(f => (int)(f * ingestMs)))
        {
            killed += await RunAndKill(["ingest", ratings, "--warehouse", crashed], ms) ? 1 : 0;

            // The warehouse opens, and holds either the whole file or none of it: never part of a batch.
            var batches = Fingerprint(crashed, "select count(*) filter (where status <> 'loaded') || ':' || count(*) from ops.ingest_batches where file_name = 'ilead-ratings.csv'");
            Assert.True(batches is "0:0" or "0:1", $"after a kill at {ms} ms the batches are {batches}");
            var rows = long.Parse(Fingerprint(crashed, "select count(*) from core.ratings"), CultureInfo.InvariantCulture);
            Assert.True(rows == 0 || Fingerprint(crashed, Ratings) == Fingerprint(clean, Ratings), $"after a kill at {ms} ms: {rows} ratings, a part of the file");
        }

        RpCli.Ok("ingest", ratings, "--warehouse", crashed);
        Assert.Equal(Fingerprint(clean, Ratings), Fingerprint(crashed, Ratings));

        foreach (var ms in KillAt.Select(f => (int)(f * transformMs)))
        {
            killed += await RunAndKill(["transform", "--full", "--warehouse", crashed], ms) ? 1 : 0;
            Fingerprint(crashed, "select count(*) from core.ratings"); // opens after the kill
        }

        RpCli.Ok("transform", "--warehouse", crashed);
        Assert.Equal(Fingerprint(clean, Marts), Fingerprint(crashed, Marts));
        // A killed run is never left 'running': the next writer closes it as interrupted, with the reason.
        Assert.Equal("0", Fingerprint(crashed, "select count(*) from ops.runs where status = 'running'"));
        Assert.True(long.Parse(Fingerprint(crashed, "select count(*) from ops.runs where status = 'interrupted' and message like 'interrupted: the process ended before the run finished%'"), CultureInfo.InvariantCulture) >= 1);
        Assert.True(killed >= 3, $"only {killed} of the {2 * KillAt.Length} runs were still going when killed (a clean ingest took {ingestMs} ms, a transform {transformMs} ms)");
    }
}
