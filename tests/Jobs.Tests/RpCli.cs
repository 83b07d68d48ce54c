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

    public static string Ok(params string[] args)
    {
        var (code, output, error) = Run(args);
        Assert.True(code == 0, $"rp {string.Join(' ', args)} exited {code}\n{output}\n{error}");
        return output;
    }
}
