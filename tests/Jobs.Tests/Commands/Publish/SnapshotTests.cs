using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using DuckDB.NET.Data;

namespace ResearchPipeline.Jobs.Tests.Commands.Publish;

/// <summary>rp publish: the researchers' read-only snapshot, its data dictionary, and what may not be in it.</summary>
public sealed class SnapshotTests : IClassFixture<SmallWarehouseFixture>
{
    private readonly SmallWarehouse _w;

    public SnapshotTests(SmallWarehouseFixture fixture) => _w = fixture.Warehouse;

    [Fact]
    public void Publish_Snapshot_ReadOnlyFileWithManifestHashAndNoLeftovers()
    {
        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(_w.Snapshot));
        }

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(_w.Published, "manifest.json")));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(_w.Snapshot))), manifest.RootElement.GetProperty("sha256").GetString());
        Assert.Empty(Directory.GetFiles(_w.Published, ".snapshot-*"));
        Assert.False(File.Exists(_w.Snapshot + ".wal"));
        Assert.Contains(manifest.RootElement.GetProperty("tables").EnumerateArray(), t => t.GetProperty("name").GetString() == "core.ratings" && t.GetProperty("rows").GetInt64() == 432);
    }

    [Fact]
    public void DataDictionary_EveryPublicTableAndColumn_HasADescription()
    {
        using var snapshot = OpenSnapshot();
        var columns = Rows(snapshot, """
            select table_schema || '.' || table_name || '.' || column_name from information_schema.columns
            where table_schema in ('research', 'marts', 'core', 'ops') order by 1
            """);
        var described = Rows(snapshot, "select schema_name || '.' || table_name || '.' || column_name from ops.data_dictionary where column_description is not null and column_description <> '' order by 1");
        Assert.Equal(columns, described);
        Assert.Empty(Rows(snapshot, "select schema_name || '.' || table_name from ops.data_dictionary where table_description = '' or table_source is null"));
        Assert.Contains("research.stage_history.stage_change", columns);
        Assert.Equal(25, Rows(snapshot, "select distinct table_name from ops.data_dictionary where schema_name = 'research'").Count);

        var markdown = File.ReadAllText(Path.Combine(_w.Published, "data-dictionary.md"));
        var html = File.ReadAllText(Path.Combine(_w.Published, "data-dictionary.html"));
        Assert.DoesNotContain("(no description)", markdown, StringComparison.Ordinal);
        foreach (var relation in columns.Select(c => c[..c.LastIndexOf('.')]).Distinct())
        {
            Assert.Contains($"## {relation}\n", markdown, StringComparison.Ordinal);
            Assert.Contains($"<code>{relation}</code>", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Snapshot_HoldsNoCommentNoRaterIdentityAndNoRawLayer()
    {
        using var snapshot = OpenSnapshot();
        Assert.Empty(Rows(snapshot, "select table_schema || '.' || table_name from information_schema.columns where column_name = 'comment'"));
        Assert.Empty(Rows(snapshot, "select schema_name from duckdb_schemas() where schema_name in ('raw', 'staging', 'intermediate') and database_name = current_database()"));
        var textColumns = Rows(snapshot, "select table_schema || '.\"' || table_name || '\".\"' || column_name || '\"' from information_schema.columns where data_type = 'VARCHAR' and table_schema in ('research', 'marts', 'core', 'ops')");
        foreach (var column in textColumns)
        {
            var at = column.LastIndexOf(".\"", StringComparison.Ordinal);
            var sql = $"select count(*) from {column[..at]} where {column[(at + 1)..]} ilike '%secret%'";
            Assert.True(Rows(snapshot, sql)[0] == "0", $"{column} holds a comment or a rater's identity");
        }

        var fileText = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(_w.Snapshot));
        Assert.DoesNotContain(SmallWarehouse.SecretComment, fileText, StringComparison.Ordinal);
        Assert.DoesNotContain(SmallWarehouse.RaterEmail, fileText, StringComparison.Ordinal);
    }

    [Fact]
    public void Snapshot_AnotherDuckDbClient_ReadsItWhileThePipelineHoldsItsWorkingFile()
    {
        // The pipeline's working file is open for writing (and written to) by this process...
        using var writer = new DuckDBConnection($"Data Source={_w.Warehouse}");
        writer.Open();
        using (var write = writer.CreateCommand())
        {
            write.CommandText = "insert into ops.runs values ((select coalesce(max(run_id), 0) + 1 from ops.runs), 'test', now(), null, 'running', 'holding the writer lock')";
            write.ExecuteNonQuery();
        }

        // ...while a different DuckDB client (Python on the C API) opens the snapshot read-only and queries it.
        var (code, output, error) = CClient.Run(_w.Snapshot, "select count(*) from research.ratings union all select count(*) from research.stage_history where role_code = 'ALL'");
        Assert.True(code == 0, error);
        Assert.Equal(["432", "144", "done"], output); // 3 partnerships × 2 waves × 24 objectives
    }

    [Fact]
    public void Query_AgainstTheSnapshot_TableCsvJson()
    {
        var sql = "select unit_id, wave_id, n_raters, alpha_ordinal is not null as has_alpha from research.rater_agreement where unit_id = 'gmu-fairfax' order by wave_id";
        var table = _w.Rp("query", sql);
        Assert.Contains("unit_id     | wave_id | n_raters | has_alpha", table, StringComparison.Ordinal);
        Assert.Contains("(2 rows)", table, StringComparison.Ordinal);
        Assert.Equal("unit_id,wave_id,n_raters,has_alpha\ngmu-fairfax,2019,3,true\ngmu-fairfax,2020,3,true\n", _w.Rp("query", sql, "--format", "csv").Replace("\r", "", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(_w.Rp("query", sql, "--format", "json"));
        var first = json.RootElement[0];
        Assert.Equal(JsonValueKind.Number, first.GetProperty("n_raters").ValueKind);
        Assert.Equal(JsonValueKind.True, first.GetProperty("has_alpha").ValueKind);
    }

    [Theory]
    [InlineData("delete from core.ratings", "rp query is read-only")]
    [InlineData("create table research.mine as select 1", "rp query is read-only")]
    [InlineData("copy research.ratings to '/tmp/rp-leak.csv'", "rp query is read-only")]
    [InlineData("attach '/tmp/rp-other.duckdb' as other", "rp query is read-only")]
    [InlineData("select * from research.no_such_view", "The query failed: Catalog Error")]
    [InlineData("selec 1", "The query failed: Parser Error")]
    public void Query_WriteOrBadSql_RefusedWithExit2AndOneClearLine(string sql, string expected)
    {
        var (code, output, error) = _w.TryRp("query", sql);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith("rp: " + expected, error, StringComparison.Ordinal);
        Assert.False(File.Exists("/tmp/rp-leak.csv"));
    }

    [Fact]
    public void Export_Parquet_EveryResearchViewWithItsRows()
    {
        var dir = Path.Combine(_w.Folder, "extract-parquet");
        var output = _w.Rp("export", "--format", "parquet", "--out", dir);
        Assert.Contains("Exported 25 research views as parquet", output, StringComparison.Ordinal);
        Assert.Contains($"{Path.Combine(dir, "ratings.parquet")}: 432 rows", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir, "data-dictionary.md")));
        using var reader = new DuckDBConnection("Data Source=:memory:");
        reader.Open();
        using var snapshot = OpenSnapshot();
        foreach (var view in Rows(snapshot, "select table_name from information_schema.tables where table_schema = 'research'"))
        {
            var file = Path.Combine(dir, view + ".parquet");
            Assert.Equal(Rows(snapshot, $"select count(*) from research.{view}")[0], Rows(reader, $"select count(*) from read_parquet('{file}')")[0]);
        }
    }

    [Fact]
    public void Export_Csv_FormulasNeutralizedAndNumbersKept()
    {
        var dir = Path.Combine(_w.Folder, "extract-csv");
        Assert.Contains($"{Path.Combine(dir, "ratings.csv")}: 432 rows", _w.Rp("export", "--format", "csv", "--out", dir), StringComparison.Ordinal);
        var units = File.ReadAllText(Path.Combine(dir, "units.csv"));
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"", units, StringComparison.Ordinal);
        Assert.DoesNotContain(",\"=HYPERLINK", units, StringComparison.Ordinal);
        var transitions = File.ReadAllLines(Path.Combine(dir, "stage_transitions.csv"));
        Assert.Equal("framework_id,network_id,dimension_code,from_wave,from_wave_seq,to_wave,to_wave_seq,from_stage,to_stage,stage_change,n_units,dimension_number,from_stage_label,to_stage_label", transitions[0]);
        Assert.Contains(transitions, l => l.Contains(",-1,", StringComparison.Ordinal) || l.Contains(",1,", StringComparison.Ordinal));
        Assert.DoesNotContain(transitions, l => l.Contains(",'-", StringComparison.Ordinal));
    }

    private DuckDBConnection OpenSnapshot()
    {
        var connection = new DuckDBConnection($"Data Source={_w.Snapshot};ACCESS_MODE=READ_ONLY");
        connection.Open();
        return connection;
    }

    internal static List<string> Rows(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        }

        return rows;
    }
}

/// <summary>The other DuckDB client: Clients/duckdb_c_client.py, Python calling libduckdb's C API through ctypes.</summary>
internal static class CClient
{
    public static string Library
    {
        get
        {
            var rid = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";
            return Path.Combine(AppContext.BaseDirectory, "runtimes", rid, "native", "libduckdb.so");
        }
    }

    public static ProcessStartInfo StartInfo(string database, string sql, bool hold)
    {
        var info = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "Clients", "duckdb_c_client.py"), Library, database, sql })
        {
            info.ArgumentList.Add(a);
        }

        if (hold)
        {
            info.ArgumentList.Add("--hold");
        }

        return info;
    }

    public static (int Code, List<string> Output, string Error) Run(string database, string sql)
    {
        using var process = Process.Start(StartInfo(database, sql, hold: false))!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList(), error);
    }
}
