using ResearchPipeline.Models;
using YamlDotNet.RepresentationModel;

namespace ResearchPipeline.Jobs.Config;

/// <summary>The pipeline config (spec section 7). Relative paths resolve against the config file's folder.</summary>
public sealed record PipelineConfig(
    string Warehouse,
    string PublishTo,
    string ReportsOut,
    int MinCellSize,
    string PseudonymKeyEnv)
{
    public static PipelineConfig Defaults(string baseDirectory) => new(
        Path.Combine(baseDirectory, "warehouse", "pipeline.duckdb"),
        Path.Combine(baseDirectory, "warehouse", "published"),
        Path.Combine(baseDirectory, "reports-out"),
        5,
        "RP_PSEUDONYM_KEY");

    /// <summary>Reads the config; every problem found is listed in one refusal.</summary>
    public static PipelineConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new PipelineInputException($"{path}: config file not found.");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var config = Defaults(folder);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(File.ReadAllText(path)));
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new PipelineInputException($"{path} line {ex.Start.Line}: not valid YAML: {ex.Message}", ex);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return config;
        }

        var problems = new List<string>();
        string? Get(string key) => root.Children.TryGetValue(new YamlScalarNode(key), out var v) ? (v as YamlScalarNode)?.Value : null;
        string Resolve(string p) => Path.GetFullPath(Path.Combine(folder, p));
        if (Get("warehouse") is { } wh)
        {
            config = config with { Warehouse = Resolve(wh) };
        }

        if (Get("publish_to") is { } pub)
        {
            config = config with { PublishTo = Resolve(pub) };
        }

        if (Get("reports_out") is { } ro)
        {
            config = config with { ReportsOut = Resolve(ro) };
        }

        if (Get("pseudonym_key_env") is { } env)
        {
            config = config with { PseudonymKeyEnv = env };
        }

        if (Get("min_cell_size") is { } min)
        {
            if (int.TryParse(min, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1)
            {
                config = config with { MinCellSize = n };
            }
            else
            {
                problems.Add($"min_cell_size: \"{min}\" must be a whole number of at least 1");
            }
        }

        if (problems.Count > 0)
        {
            throw new PipelineInputException($"{path}: {problems.Count} problem(s) in the config:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p)));
        }

        return config;
    }
}
