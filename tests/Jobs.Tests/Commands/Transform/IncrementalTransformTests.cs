using DuckDB.NET.Data;
using ResearchPipeline.TestSupport;

namespace ResearchPipeline.Jobs.Tests.Commands.Transform;

/// <summary>rp transform (incremental) and rp transform --full must produce identical marts.</summary>
[Trait(TestCategory.Trait, TestCategory.EndToEnd)]
public sealed class IncrementalTransformTests : IDisposable
{
    private static readonly string[] Marts =
        ["stage_history", "stage_transitions", "network_benchmarks", "rater_agreement", "ic_role_outcome_levels", "ic_level_distribution", "unit_wave_members",
         "rater_agreement_intervals", "objective_agreement", "within_unit_agreement", "role_gaps", "role_divergence", "role_agreement", "transition_probabilities"];

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rp-incr-" + Guid.NewGuid().ToString("N")[..10]);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// The network's own shape (11 partnerships, 6 waves, 4 raters) and the shape of the 10× benchmark, reduced: many
    /// partnerships (400) with few raters and waves, so that every changed scope and lookup is wide.
    /// </summary>
    [Theory]
    [InlineData(11, 6, 4)]
    [InlineData(400, 5, 2)]
    public void Transform_IncrementalAfterNewWaveAndResubmission_EqualsFullRebuild(int partnerships, int waves, int raters)
    {
        // All waves but the last first, then the last wave as its own file, then a resubmission that changes one
        // partnership's 2020 ratings (a middle wave: later waves' prev_stage must follow).
        var samples = Path.Combine(_dir, "samples");
        var lastWave = (2017 + waves).ToString(System.Globalization.CultureInfo.InvariantCulture);
        RpCli.Ok("samples", "generate", "--out", samples, "--partnerships", $"{partnerships}", "--waves", $"{waves}", "--raters", $"{raters}", "--seed", "7");
        var all = File.ReadAllLines(Path.Combine(samples, "ilead-ratings.csv"));
        var head = all.TakeWhile(l => !l.StartsWith("ilead,", StringComparison.Ordinal)).ToList();
        var rows = all.Skip(head.Count).ToList();
        string Write(string name, IEnumerable<string> lines)
        {
            var path = Path.Combine(_dir, name);
            File.WriteAllLines(path, head.Concat(lines));
            return path;
        }

        var early = Write("early.csv", rows.Where(r => r.Split(',')[2] != lastWave));
        var late = Write("late.csv", rows.Where(r => r.Split(',')[2] == lastWave));
        var lateUnits = rows.Where(r => r.Split(',')[2] == lastWave).Select(r => r.Split(',')[3]).Distinct().Count();
        var resubmission = Write("resubmission.csv", rows
            .Where(r => r.Split(',')[2] == "2020" && r.Split(',')[3] == "uva-chesterfield" && r.Split(',')[9] == "false")
            .Select(r =>
            {
                var f = r.Split(',');
                f[7] = f[7] == "4" ? "3" : (int.Parse(f[7], System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return string.Join(',', f.Take(10)) + ",";
            }));
        // Partnerships beyond the eleven of the built-in roster come with their own roster file.
        string[] reference = [.. new[] { "roster.csv", "waves.csv" }.Select(f => Path.Combine(samples, f)).Where(File.Exists), early, Path.Combine(samples, "txnsi-ic-ratings.csv")];

        var a = Path.Combine(_dir, "a", "pipeline.duckdb");
        RpCli.Ok("init", "--warehouse", a);
        foreach (var f in reference)
        {
            RpCli.Ok("ingest", f, "--warehouse", a);
        }

        Assert.Contains("first build", RpCli.Ok("transform", "--warehouse", a), StringComparison.Ordinal);
        RpCli.Ok("ingest", late, "--warehouse", a);
        var afterLate = RpCli.Ok("transform", "--warehouse", a);
        Assert.Contains($"Incremental build: {lateUnits} framework × unit × wave combination(s)", afterLate, StringComparison.Ordinal);
        var ingestResubmission = RpCli.Ok("ingest", resubmission, "--warehouse", a);
        Assert.Contains("replaced", ingestResubmission, StringComparison.Ordinal);
        // uva-chesterfield from 2020 on: 2020 to the last wave.
        Assert.Contains($"Incremental build: {waves - 2} framework × unit × wave combination(s)", RpCli.Ok("transform", "--warehouse", a), StringComparison.Ordinal);
        Assert.Contains("Nothing new", RpCli.Ok("transform", "--warehouse", a), StringComparison.Ordinal);

        var b = Path.Combine(_dir, "b", "pipeline.duckdb");
        RpCli.Ok("init", "--warehouse", b);
        foreach (var f in reference.Append(late).Append(resubmission))
        {
            RpCli.Ok("ingest", f, "--warehouse", b);
        }

        var fullBuild = RpCli.Ok("transform", "--full", "--timings", "--warehouse", b);
        Assert.Contains("--full was asked for", fullBuild, StringComparison.Ordinal);
        // --timings: the ten slowest models, each with its seconds and name.
        Assert.Contains("Slowest models (of ", fullBuild, StringComparison.Ordinal);
        Assert.Equal(10, fullBuild.Split('\n').Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s+\d+\.\d\d s  (staging|intermediate|marts|research)\.\w+$")));

        using var connection = new DuckDBConnection($"Data Source={a}");
        connection.Open();
        Execute(connection, $"attach '{b}' as full_build (read_only)");
        foreach (var mart in Marts)
        {
            var rowsA = Count(connection, $"select count(*) from marts.{mart}");
            Assert.True(rowsA > 0, $"marts.{mart} is empty");
            Assert.Equal(rowsA, Count(connection, $"select count(*) from full_build.marts.{mart}"));
            Assert.Equal(0, Count(connection, $"select count(*) from (select * from marts.{mart} except all select * from full_build.marts.{mart})"));
            Assert.Equal(0, Count(connection, $"select count(*) from (select * from full_build.marts.{mart} except all select * from marts.{mart})"));
        }

        // The resubmission did move something, so the comparison above covers a real change.
        Assert.True(Count(connection, "select count(*) from marts.stage_history where unit_id = 'uva-chesterfield' and wave_id = '2021' and role_code = 'ALL' and prev_wave_id = '2020'") > 0);
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Count(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
