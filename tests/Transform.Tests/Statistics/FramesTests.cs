using DuckDB.NET.Data;
using Microsoft.Data.Analysis;
using ResearchPipeline.Transform.Statistics;

namespace ResearchPipeline.Transform.Tests.Statistics;

public sealed class FramesTests : IDisposable
{
    private readonly DuckDBConnection _connection = new("Data Source=:memory:");

    public FramesTests() => _connection.Open();

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void Read_EveryTypeItHolds_ValuesAndNullsAsSelected()
    {
        var frame = Frames.Read(_connection, """
            select * from (values
              ('a', 1::bigint, 2::integer, 0.5::double, 1.25::decimal(5, 2), true),
              (null, null, null, null, null, null),
              ('b', -7::bigint, 300::integer, -1e300::double, 0::decimal(5, 2), false))
            t(text, whole, small, number, fixed, flag)
            """);
        Assert.Equal(3, frame.Rows.Count);
        Assert.IsType<StringDataFrameColumn>(frame.Columns["text"]);
        Assert.IsType<Int64DataFrameColumn>(frame.Columns["small"]);
        Assert.IsType<DoubleDataFrameColumn>(frame.Columns["fixed"]);
        Assert.IsType<BooleanDataFrameColumn>(frame.Columns["flag"]);
        Assert.Equal(new object?[] { "a", 1L, 2L, 0.5, 1.25, true }, frame.Rows[0].ToArray());
        Assert.All(frame.Rows[1], Assert.Null);
        Assert.Equal(new object?[] { "b", -7L, 300L, -1e300, 0.0, false }, frame.Rows[2].ToArray());
    }

    [Fact]
    public void Read_RepeatedText_OneStringPerDistinctValue()
    {
        // Computed models read hundreds of thousands of rows of a few ids: each row keeping its own copy had cost more
        // in garbage collection than the reading.
        var frame = Frames.Read(_connection, "select 'unit-' || (i % 3) as unit_id from range(9) r(i)");
        var units = (StringDataFrameColumn)frame.Columns["unit_id"];
        Assert.Equal(["unit-0", "unit-1", "unit-2", "unit-0"], Enumerable.Range(0, 4).Select(r => units[r]));
        Assert.Equal(3, Enumerable.Range(0, 9).Select(r => units[r]).Distinct(ReferenceEqualityComparer.Instance).Count());
    }

    [Fact]
    public void Read_TypeADataFrameCannotHold_SaysToCastIt()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Frames.Read(_connection, "select current_date as day"));
        Assert.Equal("Column day is DateOnly, which a DataFrame here does not hold: cast it in the model's SQL.", error.Message);
    }
}
