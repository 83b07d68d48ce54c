using DuckDB.NET.Data;
using ResearchPipeline.Transform.Statistics;

namespace ResearchPipeline.Transform.Tests.Statistics;

public sealed class FramesTests : IDisposable
{
    private readonly DuckDBConnection _connection = new("Data Source=:memory:");

    public FramesTests() => _connection.Open();

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void Read_TextAndWholeNumbers_ValuesAsSelected_NullsNamedWhereRead()
    {
        var input = Frames.Read(_connection, """
            select * from (values
              ('a', 1::bigint, 2::integer, 3::smallint, 'x'),
              ('b', -7::bigint, 300::integer, -1::smallint, null),
              ('a', 9223372036854775807::bigint, 0::integer, 0::smallint, 'x'))
            t(text, whole, small, tiny, gappy)
            """);
        Assert.Equal(3, input.Rows);
        Assert.Equal(["a", "b", "a"], input.Text("text"));
        Assert.Equal([1L, -7L, long.MaxValue], input.Whole("whole"));
        Assert.Equal([2L, 300L, 0L], input.Whole("small"));
        Assert.Equal([3L, -1L, 0L], input.Whole("tiny"));
        Assert.Equal("Column gappy has a null at row 1.", Assert.Throws<InvalidOperationException>(() => input.Text("gappy")).Message);
        Assert.Equal("Column text is not a whole number: cast it in the model's SQL.", Assert.Throws<InvalidOperationException>(() => input.Whole("text")).Message);
        Assert.Equal("The model's SQL selects no column unit_id (it selects text, whole, small, tiny, gappy).", Assert.Throws<InvalidOperationException>(() => input.Text("unit_id")).Message);
    }

    [Fact]
    public void Read_NoRows_EmptyColumns()
    {
        var input = Frames.Read(_connection, "select 'a' as unit_id, 1::bigint as value where false");
        Assert.Equal(0, input.Rows);
        Assert.Empty(input.Text("unit_id"));
        Assert.Empty(input.Whole("value"));
    }

    [Fact]
    public void Read_RepeatedText_OneStringPerDistinctValue()
    {
        // Computed models read hundreds of thousands of rows of a few ids: each row keeping its own copy had cost more
        // in garbage collection than the reading. Runs of one value and values coming back after others both count.
        var units = Frames.Read(_connection, "select 'unit-' || (i // 2 % 3) as unit_id from range(3000) r(i)").Text("unit_id");
        Assert.Equal(["unit-0", "unit-0", "unit-1", "unit-1", "unit-2", "unit-2", "unit-0"], units.Take(7));
        Assert.Equal(3, units.Distinct(ReferenceEqualityComparer.Instance).Count());
    }

    [Fact]
    public void Read_TypeItDoesNotRead_SaysToCastIt()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Frames.Read(_connection, "select current_date as day"));
        Assert.Equal("Column day is DateOnly, which a computed model does not read: cast it to text or a whole number in the model's SQL.", error.Message);
    }
}
