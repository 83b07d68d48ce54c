using ResearchPipeline.TestSupport;

namespace ResearchPipeline.Jobs.Tests.Commands.Publish;

/// <summary>
/// A crash between a transform's build and its data tests: the new build must not be published on the old build's
/// passing results. Publish requires the tests of exactly the current build.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.EndToEnd)]
public sealed class UntestedBuildTests : IDisposable
{
    private readonly SmallWarehouse _w = new();

    public void Dispose() => _w.Dispose();

    [Fact]
    public void Publish_BuildWhoseTestsNeverRan_RefusedUntilChecked()
    {
        // What a kill after the build's commit and before its tests leaves: a new build, the previous build's results.
        using (var connection = ResearchPipeline.Warehouse.Db.Open(_w.Warehouse))
        {
            new ResearchPipeline.Transform.Runner.ModelRunner(connection, TimeProvider.System).Build(full: true);
        }

        var (code, _, error) = RpCli.Run("publish", "--warehouse", _w.Warehouse);
        Assert.Equal(2, code);
        Assert.Contains("Not publishing: build 2 has not been through its data tests (the last tests ran on build 1): they were interrupted, or not run. Run 'rp check', then publish.", error, StringComparison.Ordinal);

        _w.Rp("check");
        _w.Rp("publish");
    }
}
