using ResearchPipeline.Models;
using YamlDotNet.RepresentationModel;

namespace ResearchPipeline.Reports.Paper;

/// <summary>
/// A paper spec (YAML): the pack's name, the framework, and which figures and tables to build.
/// <code>
/// name: ilead-aera-2027
/// framework: ilead-dp-2018
/// figures: [stage_distribution, transitions, trajectories]
/// tables: [stage_distribution, transitions, benchmarks, agreement]
/// </code>
/// </summary>
public sealed record PaperSpec(string Name, string FrameworkId, IReadOnlyList<string> Figures, IReadOnlyList<string> Tables)
{
    public static PaperSpec Load(string path)
    {
        var file = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            throw new PipelineInputException($"{path}: paper spec not found.");
        }

        var yaml = new YamlStream();
        try
        {
            yaml.Load(new StringReader(File.ReadAllText(path)));
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new PipelineInputException($"{file} line {ex.Start.Line}: not valid YAML: {ex.Message}", ex);
        }

        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new PipelineInputException($"{file}: a paper spec is a YAML map with name, framework, figures and tables.");
        }

        string? Get(string key) => root.Children.TryGetValue(new YamlScalarNode(key), out var v) ? (v as YamlScalarNode)?.Value : null;
        List<string> List(string key) => root.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlSequenceNode seq
            ? seq.Children.OfType<YamlScalarNode>().Select(s => s.Value!).ToList() : [];
        var problems = new List<string>();
        var name = Get("name");
        if (name is null || !System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-z0-9][a-z0-9_-]{0,63}$"))
        {
            problems.Add("name is missing or not a plain name (lower-case letters, digits, - and _): it becomes the pack's folder");
        }

        var framework = Get("framework");
        if (framework is null)
        {
            problems.Add("framework is missing");
        }

        var figures = List("figures");
        var tables = List("tables");
        foreach (var unknown in figures.Where(f => !PaperItems.Figures.Contains(f)))
        {
            problems.Add($"figures: \"{unknown}\" is not a figure (known: {string.Join(", ", PaperItems.Figures)})");
        }

        foreach (var unknown in tables.Where(t => !PaperItems.All.ContainsKey(t)))
        {
            problems.Add($"tables: \"{unknown}\" is not a table (known: {string.Join(", ", PaperItems.All.Keys)})");
        }

        if (figures.Count + tables.Count == 0)
        {
            problems.Add("figures and tables are both empty: choose at least one");
        }

        if (problems.Count > 0)
        {
            throw new PipelineInputException($"{file}: {problems.Count} problem(s) in the paper spec:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p)));
        }

        return new PaperSpec(name!, framework!, figures, tables);
    }
}
