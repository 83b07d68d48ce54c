using System.Text.Json;

namespace ResearchPipeline.Jobs.Tests.Commands.Query;

/// <summary>
/// rp query reads its SQL from an argument, a file or standard input; prints nested values as the DuckDB CLI does; and
/// writes numbers as JSON numbers (HUGEINT and UBIGINT too), lists as arrays and structs and maps as objects.
/// </summary>
[Collection("Console input")]
public sealed class QueryInputTests(SmallWarehouseFixture fixture) : IClassFixture<SmallWarehouseFixture>
{
    private const string Nested = "select [1, 2, 3] as l, {'a': 1, 'b': 'x'} as s, map {'k': 2} as m, [[1, null], [3]] as ll, ['a', null] as sl";
    private readonly SmallWarehouse _w = fixture.Warehouse;

    private string Query(params string[] args) => RpCli.Ok(["query", .. args, "--warehouse", _w.Warehouse]);

    [Fact]
    public void Table_NestedValues_AsTheDuckDbCliPrintsThem()
    {
        var lines = Query(Nested).Split('\n');
        Assert.Equal("[1, 2, 3] | {'a': 1, 'b': x} | {'k': 2} | [[1, NULL], [3]] | [a, NULL]", lines[2].TrimEnd());
    }

    [Fact]
    public void Json_NumbersAreNumbers_ListsArrays_StructsObjects()
    {
        var json = Query("select 170141183460469231731687303715884105727::hugeint as h, 18446744073709551615::ubigint as u, 1.5::decimal(4, 1) as d, 7 as i, 0.25 as f, date '2020-01-02' as dt, "
                         + Nested["select ".Length..], "--format", "json");
        using var doc = JsonDocument.Parse(json);
        var row = doc.RootElement[0];
        Assert.Equal("170141183460469231731687303715884105727", row.GetProperty("h").GetRawText());
        Assert.Equal(JsonValueKind.Number, row.GetProperty("h").ValueKind);
        Assert.Equal("18446744073709551615", row.GetProperty("u").GetRawText());
        Assert.Equal(1.5m, row.GetProperty("d").GetDecimal());
        Assert.Equal(7, row.GetProperty("i").GetInt32());
        Assert.Equal(0.25, row.GetProperty("f").GetDouble());
        Assert.Equal("2020-01-02", row.GetProperty("dt").GetString());
        Assert.Equal("[1,2,3]", row.GetProperty("l").GetRawText());
        Assert.Equal("{\"a\":1,\"b\":\"x\"}", row.GetProperty("s").GetRawText());
        Assert.Equal("{\"k\":2}", row.GetProperty("m").GetRawText());
        Assert.Equal("[[1,null],[3]]", row.GetProperty("ll").GetRawText());
    }

    [Fact]
    public void Sql_FromAFileOrStandardInput()
    {
        var file = Path.Combine(_w.Folder, "count-" + Guid.NewGuid().ToString("N")[..8] + ".sql");
        File.WriteAllText(file, "-- how many ratings\nselect count(*) as n from research.ratings\n");
        var expected = Query("select count(*) as n from research.ratings", "--format", "csv");
        Assert.Equal(expected, Query("--file", file, "--format", "csv"));

        var stdin = Console.In;
        try
        {
            Console.SetIn(new StringReader(File.ReadAllText(file)));
            Assert.Equal(expected, Query("-", "--format", "csv"));
        }
        finally
        {
            Console.SetIn(stdin);
        }

        var (code, _, error) = RpCli.Run("query", "select 1", "--file", file, "--warehouse", _w.Warehouse);
        Assert.Equal(2, code);
        Assert.Equal("rp: Give the SQL once: as an argument, or with --file, not both.", error.Trim());
        (code, _, error) = RpCli.Run("query", "--file", file + ".missing", "--warehouse", _w.Warehouse);
        Assert.Equal(2, code);
        Assert.Equal($"rp: --file {file}.missing: no such file.", error.Trim());
    }
}
