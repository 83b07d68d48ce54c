using System.Diagnostics;
using ResearchPipeline.TestSupport;

namespace ResearchPipeline.Jobs.Tests.Install;

/// <summary>
/// rp as a user installs it: the .NET tool packed from this build, installed into a temporary tool path from the local
/// package, then rp --version and rp demo run from a folder outside the repository (the demo's samples come with it).
/// </summary>
[Trait(TestCategory.Trait, TestCategory.EndToEnd)]
public sealed class ToolInstallTests : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rp-tool-" + Guid.NewGuid().ToString("N")[..10])).FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Output) Run(string file, string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), $"{file} {string.Join(' ', args)} did not finish");
        return (process.ExitCode, output + error.Result);
    }

    [Fact]
    public void Tool_PackedInstalledAndRun_VersionAndDemo()
    {
        // The configuration this suite was built in (bin/Release/… or bin/Debug/…), so that pack reuses that build.
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var version = File.ReadAllText(Path.Combine(Repository.Root, "Directory.Build.props")).Split("<Version>")[1].Split("</Version>")[0];
        var packages = Path.Combine(_dir, "packages");
        var (packed, packOutput) = Run("dotnet", Repository.Root, "pack", Path.Combine("jobs", "Jobs.csproj"), "-c", configuration, "--no-build", "-o", packages);
        Assert.True(packed == 0, packOutput);
        Assert.True(File.Exists(Path.Combine(packages, $"ResearchPipeline.{version}.nupkg")), packOutput);

        var tools = Path.Combine(_dir, "tools");
        var (installed, installOutput) = Run("dotnet", _dir, "tool", "install", "ResearchPipeline", "--tool-path", tools, "--add-source", packages, "--version", version);
        Assert.True(installed == 0, installOutput);
        var rp = Path.Combine(tools, OperatingSystem.IsWindows() ? "rp.exe" : "rp");

        var (versionCode, versionOutput) = Run(rp, _dir, "--version");
        Assert.Equal(0, versionCode);
        Assert.Matches($@"^{version.Replace(".", @"\.", StringComparison.Ordinal)}(\+[0-9a-f]{{40}})?\s*$", versionOutput);

        var work = Directory.CreateDirectory(Path.Combine(_dir, "work")).FullName; // outside the repository
        var (demoCode, demoOutput) = Run(rp, work, "demo", "--out", "demo");
        Assert.True(demoCode == 0, demoOutput);
        Assert.Contains($"== ingest {Path.Combine(tools, ".store")}", demoOutput, StringComparison.Ordinal); // the installed samples
        Assert.Contains("Demo finished: ", demoOutput, StringComparison.Ordinal);
        Assert.Contains("query it:  rp query ", demoOutput, StringComparison.Ordinal);
        Assert.Equal(11, Directory.GetFiles(Path.Combine(work, "demo", "reports", "partner"), "*-2022.html").Length);
        Assert.True(File.Exists(Path.Combine(work, "demo", "warehouse", "published", "snapshot.duckdb")));
    }
}
