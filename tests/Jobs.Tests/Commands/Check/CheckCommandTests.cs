using DuckDB.NET.Data;
using ResearchPipeline.TestSupport;

namespace ResearchPipeline.Jobs.Tests.Commands.Check;

[Trait(TestCategory.Trait, TestCategory.EndToEnd)]
public sealed class CheckCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rp-check-" + Guid.NewGuid().ToString("N")[..10])).FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Check_NothingBuiltYet_SaysToTransformFirst()
    {
        var warehouse = Path.Combine(_dir, "pipeline.duckdb");
        RpCli.Ok("init", "--warehouse", warehouse);
        var (code, _, error) = RpCli.Run("check", "--warehouse", warehouse);
        Assert.Equal(2, code);
        Assert.Contains("run 'rp transform' first", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_RatingOutsideItsWaveDates_Exits1AndShowsTheFailingRow()
    {
        var warehouse = Path.Combine(_dir, "pipeline.duckdb");
        var csv = Path.Combine(_dir, "ratings.csv");
        File.WriteAllText(csv, """
            network,framework,wave,unit,role,rater,dimension,level,rated_at,is_consensus,comment
            ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,ann@uva.edu,1,2,2019-04-02,false,
            ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,ann@uva.edu,2,3,2019-04-02,false,

            """);
        RpCli.Ok("init", "--warehouse", warehouse);
        RpCli.Ok("ingest", csv, "--warehouse", warehouse);
        var (early, earlyOut, _) = RpCli.Run("check", "--warehouse", warehouse);
        Assert.Equal((2, ""), (early, earlyOut));
        Assert.Contains(" 0 failed", RpCli.Ok("transform", "--warehouse", warehouse), StringComparison.Ordinal);

        // Ingest refuses such a rating, so the fixture breaks the warehouse behind its back, as a faulty
        // loader or a hand edit would: objective 2 now claims 2019 but is dated in 2021.
        using (var connection = new DuckDBConnection($"Data Source={warehouse}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "update core.ratings set rated_at = timestamp '2021-03-15 10:00:00' where dimension_code = '2'";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var (code, output, _) = RpCli.Run("check", "--warehouse", warehouse);
        Assert.Equal(1, code);
        Assert.Contains("FAIL staging.stg_core__ratings: rating_inside_wave_dates: 1 failing row(s)", output, StringComparison.Ordinal);
        Assert.Contains("\"dimension_code\":\"2\"", output, StringComparison.Ordinal);
        Assert.Contains("2021-03-15", output, StringComparison.Ordinal);
        Assert.Contains("Data tests: ", output, StringComparison.Ordinal);
        Assert.Contains(" 1 failed", output, StringComparison.Ordinal);
    }
}
