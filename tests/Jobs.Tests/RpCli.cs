using ResearchPipeline.Jobs.Cli;

namespace ResearchPipeline.Jobs.Tests;

/// <summary>Runs `rp` in-process with captured output, exactly as the executable would.</summary>
internal static class RpCli
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CommandLine.Run(args, output, error, TimeProvider.System);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>
    /// Starts `rp` as its own process (the built executable, as a user runs it), reading its output lines into
    /// <paramref name="log"/> (or dropping them) so that it never blocks on a full pipe.
    /// </summary>
    public static System.Diagnostics.Process Start(IEnumerable<string> args, string? workingDirectory = null,
        IDictionary<string, string>? environment = null, Action<string>? log = null)
    {
        var info = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory ?? "",
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ResearchPipeline.Jobs.dll"));
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment.Remove(Warehouse.Db.ThreadsVariable); // DuckDB's own default, as a user runs it
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[k] = v;
        }

        var process = System.Diagnostics.Process.Start(info)!;
        process.OutputDataReceived += (_, e) => log?.Invoke(e.Data ?? "");
        process.ErrorDataReceived += (_, e) => log?.Invoke("! " + (e.Data ?? ""));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static string Ok(params string[] args)
    {
        var (code, output, error) = Run(args);
        Assert.True(code == 0, $"rp {string.Join(' ', args)} exited {code}\n{output}\n{error}");
        return output;
    }
}
