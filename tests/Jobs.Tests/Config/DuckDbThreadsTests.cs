using System.Globalization;
using ResearchPipeline.Models;
using ResearchPipeline.TestSupport;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Jobs.Tests.Config;

/// <summary>$RP_DUCKDB_THREADS: read strictly, and the setting the test processes run with.</summary>
public sealed class DuckDbThreadsTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("1", ";threads=1")]
    [InlineData("16", ";threads=16")]
    [InlineData("256", ";threads=256")]
    public void Value_BecomesDuckDbsThreadsOption(string? value, string option) => Assert.Equal(option, Db.ThreadsOption(value));

    [Theory]
    [InlineData("0")]
    [InlineData("two")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData(" 2")]
    [InlineData("257")]
    public void BadValue_OneLineNamingTheVariableAndTheValue(string value)
    {
        var refusal = Assert.Throws<PipelineInputException>(() => Db.ThreadsOption(value));
        Assert.Equal($"$RP_DUCKDB_THREADS: \"{value}\" must be a whole number from 1 to 256 (or unset, for one thread per core)", refusal.Message);
    }

    [Fact]
    public void TestProcesses_OpenWarehousesOnOneThread()
    {
        using var warehouse = new TempWarehouse();
        Assert.Equal(1L, Convert.ToInt64(warehouse.Rows("select current_setting('threads')")[0][0], CultureInfo.InvariantCulture));
    }
}
