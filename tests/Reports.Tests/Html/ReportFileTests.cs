using ResearchPipeline.Models;
using ResearchPipeline.Reports.Html;

namespace ResearchPipeline.Reports.Tests.Html;

/// <summary>A report's file name is made of ids; whatever the ids, the file is written inside the output folder or not at all.</summary>
public sealed class ReportFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rp-reportfile-" + Guid.NewGuid().ToString("N")[..10])).FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("partner/../../escaped-2021.html")]
    [InlineData("../escaped.html")]
    [InlineData("/tmp/escaped.html")]
    public void Write_NameLeadingOutOfTheFolder_RefusedAndNothingWritten(string relative)
    {
        var output = Path.Combine(_dir, "reports");
        var ex = Assert.Throws<PipelineInputException>(() => ReportFile.Write(output, relative, "<html></html>"));
        Assert.Contains("would be written outside", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_dir, "escaped*", SearchOption.AllDirectories));
        Assert.False(File.Exists("/tmp/escaped.html") && File.GetLastWriteTimeUtc("/tmp/escaped.html") > TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-1));
    }

    [Fact]
    public void Write_OrdinaryName_WrittenInside() =>
        Assert.StartsWith(Path.Combine(_dir, "reports", "partner"), ReportFile.Write(Path.Combine(_dir, "reports"), "partner/uva-chesterfield-2021.html", "<html></html>"), StringComparison.Ordinal);
}
