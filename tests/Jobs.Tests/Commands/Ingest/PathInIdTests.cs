namespace ResearchPipeline.Jobs.Tests.Commands.Ingest;

/// <summary>Ids name report files: a roster unit or a wave whose id is a path is refused on landing, before it can become one.</summary>
public sealed class PathInIdTests : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rp-pathid-" + Guid.NewGuid().ToString("N")[..10])).FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Warehouse => Path.Combine(_dir, "warehouse", "pipeline.duckdb");

    [Fact]
    public void Roster_UnitIdWithAPath_QuarantinedAndNoReportLeavesTheOutputFolder()
    {
        RpCli.Ok("init", "--warehouse", Warehouse);
        var roster = Path.Combine(_dir, "roster.csv");
        File.WriteAllText(roster, "network,unit_id,unit_name,org_id,org_name,org_kind,member_role,valid_from,valid_to\n" +
                                  "ilead,../../escaped,Escaping University,esc-u,Escaping U,IHE,IHE,2017-09-01,\n");
        var output = RpCli.Run("ingest", roster, "--warehouse", Warehouse);
        Assert.Contains("unit_id \"../../escaped\" may hold letters, digits, '-', '_' and '.' only", output.Out + output.Err, StringComparison.Ordinal);
        Assert.Equal(0, Count("select count(*) from core.units where unit_id like '%/%'"));
    }

    [Fact]
    public void Waves_WaveIdWithAPath_FileRefusedWhole()
    {
        RpCli.Ok("init", "--warehouse", Warehouse);
        var waves = Path.Combine(_dir, "waves.csv");
        File.WriteAllText(waves, "network_id,wave_id,label,starts_on,ends_on\nilead,2031,2031,2031-01-01,2031-12-31\nilead,../2032,2032,2032-01-01,2032-12-31\n");
        var (code, _, error) = RpCli.Run("ingest", waves, "--warehouse", Warehouse);
        Assert.Equal(2, code);
        Assert.Contains("waves file row 3, column \"wave_id\": \"../2032\" may hold letters, digits", error, StringComparison.Ordinal);
        Assert.Equal(0, Count("select count(*) from core.waves where wave_id in ('2031', '../2032')"));
    }

    private long Count(string sql)
    {
        using var connection = new DuckDB.NET.Data.DuckDBConnection($"Data Source={Warehouse};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
