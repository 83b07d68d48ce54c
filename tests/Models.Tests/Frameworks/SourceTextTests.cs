using System.Diagnostics;
using ResearchPipeline.TestSupport;

namespace ResearchPipeline.Models.Tests.Frameworks;

/// <summary>
/// The framework files are what models/tools/convert_seeds.py makes of the rubrics' source texts kept in the repository
/// (models/frameworks/sources/): run again, it writes the committed files byte for byte.
/// </summary>
public sealed class SourceTextTests : IDisposable
{
    private readonly string _out = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rp-seeds-" + Guid.NewGuid().ToString("N")[..10])).FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Fact]
    public void Converter_OnTheSourceTexts_WritesTheCommittedFrameworks()
    {
        var frameworks = Path.Combine(Repository.Root, "models", "frameworks");
        var info = new ProcessStartInfo("python3") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(Repository.Root, "models", "tools", "convert_seeds.py"), Path.Combine(frameworks, "sources"), _out })
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
        foreach (var name in new[] { "ilead-dp-2018.yaml", "txnsi-ic-2022.yaml" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(frameworks, name)), File.ReadAllBytes(Path.Combine(_out, name)));
        }
    }
}
