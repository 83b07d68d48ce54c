using System.CommandLine;
using ResearchPipeline.Jobs.Config;

namespace ResearchPipeline.Jobs.Cli;

/// <summary>
/// The options several commands share, declared once: the global <c>--config</c>, <c>--warehouse</c> and
/// <c>--verbose</c> (before or after the command), and the factories for <c>--out</c>, <c>--wave</c>, <c>--all</c> and
/// <c>--format</c>, so that each means the same everywhere.
/// </summary>
public sealed class CommonOptions(TextWriter output, TextWriter error, TimeProvider clock)
{
    public Option<string?> Config { get; } = new("--config") { Description = "Pipeline config (YAML)", Recursive = true };

    public Option<string?> Warehouse { get; } = new("--warehouse") { Description = "Warehouse file (overrides the config)", Recursive = true };

    public Option<bool> Verbose { get; } = new("--verbose") { Description = "On a failure, show the details (stack trace) after the one-line message", Recursive = true };

    public TextWriter Output => output;

    public TextWriter Error => error;

    public TimeProvider Clock => clock;

    public static Option<string?> Out(string description = "Output folder (default: reports_out of the config)") => new("--out") { Description = description };

    public static Option<string> RequiredOut(string description) => new("--out") { Description = description, Required = true };

    public static Option<string?> Wave(string description = "Wave id (default: the latest with ratings)") => new("--wave") { Description = description };

    public static Option<bool> All(string description) => new("--all") { Description = description };

    /// <summary>--format, accepting only <paramref name="choices"/>; the first is the default when <paramref name="required"/> is false.</summary>
    public static Option<string> Format(string[] choices, string description, bool hasDefault = true)
    {
        var option = new Option<string>("--format") { Description = description };
        if (hasDefault)
        {
            option.DefaultValueFactory = _ => choices[0];
        }

        option.AcceptOnlyFromAmong(choices);
        return option;
    }

    /// <summary>The pipeline config this invocation runs with: the file given, else the defaults, with --warehouse applied.</summary>
    public PipelineConfig ConfigOf(ParseResult r)
    {
        var path = r.GetValue(Config);
        var config = path is null ? PipelineConfig.Defaults(Directory.GetCurrentDirectory()) : PipelineConfig.Load(path);
        if (r.GetValue(Warehouse) is not { } w)
        {
            return config;
        }

        // Without a config file the snapshot goes beside the warehouse it was published from.
        var warehouse = Path.GetFullPath(w);
        return path is null
            ? config with { Warehouse = warehouse, PublishTo = Path.Combine(Path.GetDirectoryName(warehouse)!, "published") }
            : config with { Warehouse = warehouse };
    }

    public RpContext Context(ParseResult r) => new(ConfigOf(r), output, clock);
}
