using ResearchPipeline.Models;
using YamlDotNet.RepresentationModel;

namespace ResearchPipeline.Ingest.Surveys;

/// <summary>Reads a mapping file; every problem found is listed in one refusal, with the file and key.</summary>
public static class SurveyMappingLoader
{
    private static readonly string[] RequiredColumns = ["unit", "rater"];

    private static readonly string[] Keys = ["format", "network", "framework", "wave", "columns", "dimensions", "units", "roles", "role"];

    public static SurveyMapping Load(string path)
    {
        var fileName = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            throw new PipelineInputException($"{path}: mapping file not found.");
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(File.ReadAllText(path)));
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new PipelineInputException($"{fileName} line {ex.Start.Line}: not valid YAML: {ex.Message}", ex);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new PipelineInputException($"{fileName}: a mapping file is a YAML mapping (format, network, framework, columns, dimensions, …).");
        }

        var problems = new List<string>();
        string? Get(string key) => root.Children.TryGetValue(new YamlScalarNode(key), out var v) ? (v as YamlScalarNode)?.Value : null;
        foreach (var key in root.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value!).Where(k => !Keys.Contains(k)))
        {
            problems.Add($"{fileName}: unknown key \"{key}\" (known: {string.Join(", ", Keys)})");
        }

        SurveyFormat? format = null;
        switch (Get("format"))
        {
            case null:
                break;
            case "qualtrics":
                format = SurveyFormat.Qualtrics;
                break;
            case "surveymonkey":
                format = SurveyFormat.SurveyMonkey;
                break;
            case "googleforms":
                format = SurveyFormat.GoogleForms;
                break;
            case "redcap":
                format = SurveyFormat.Redcap;
                break;
            case "workbook" or "long":
                break;
            case var other:
                problems.Add($"{fileName}: format \"{other}\" is not a format a mapping describes (qualtrics, surveymonkey, googleforms, redcap, workbook, long)");
                break;
        }

        var network = Get("network");
        var framework = Get("framework");
        if (string.IsNullOrWhiteSpace(framework))
        {
            problems.Add($"{fileName}: framework is missing (for example ilead-dp-2018)");
        }

        if (string.IsNullOrWhiteSpace(network))
        {
            problems.Add($"{fileName}: network is missing (for example ilead)");
        }

        var columns = Map(root, "columns", fileName, problems);
        foreach (var field in columns.Keys.Where(k => !SurveyMapping.Fields.Contains(k)))
        {
            problems.Add($"{fileName}: columns.{field} is not a field a column can hold (known: {string.Join(", ", SurveyMapping.Fields)})");
        }

        var spreadsheet = Get("format") is "workbook" or "long";
        foreach (var field in RequiredColumns.Where(f => !spreadsheet && !columns.ContainsKey(f)))
        {
            problems.Add($"{fileName}: columns.{field} is missing: say which column holds the {field}");
        }

        if (!spreadsheet && !columns.ContainsKey("role") && Get("role") is null)
        {
            problems.Add($"{fileName}: columns.role is missing: say which column holds the rater's role, or give one role for everybody with role: CODE");
        }

        if (!spreadsheet && Get("wave") is null && !columns.ContainsKey("rated_at") && !columns.ContainsKey("wave"))
        {
            problems.Add($"{fileName}: give wave: \"…\", or a columns.rated_at (or columns.wave) to place each response in a wave");
        }

        var byText = false;
        var dimensionMap = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!root.Children.TryGetValue(new YamlScalarNode("dimensions"), out var dims))
        {
            if (!spreadsheet)
            {
                problems.Add($"{fileName}: dimensions is missing: by-question-text, or a map of column → dimension");
            }
        }
        else if (dims is YamlScalarNode { Value: "by-question-text" })
        {
            byText = true;
        }
        else if (dims is YamlMappingNode)
        {
            dimensionMap = Map(root, "dimensions", fileName, problems);
        }
        else
        {
            problems.Add($"{fileName}: dimensions must be by-question-text or a map of column → dimension");
        }

        if (problems.Count > 0)
        {
            throw new PipelineInputException(
                $"{fileName}: the mapping has {problems.Count} problem(s); nothing was loaded." + Environment.NewLine +
                string.Join(Environment.NewLine, problems.Select(p => "  " + p)));
        }

        return new SurveyMapping(MappingName(fileName), format, network!, framework!, Get("wave"), columns, byText, dimensionMap,
            Map(root, "units", fileName, problems), Map(root, "roles", fileName, problems), Get("role"))
        {
            Kind = Get("format"),
            IsSynthetic = File.ReadLines(path).TakeWhile(l => l.StartsWith('#')).Any(l => l.Contains("synthetic sample data", StringComparison.OrdinalIgnoreCase)),
        };
    }

    /// <summary>"dp-survey.mapping.yaml" and "dp-survey.yaml" are both the mapping "dp-survey".</summary>
    public static string MappingName(string fileName)
    {
        var name = Path.GetFileNameWithoutExtension(fileName);
        return name.EndsWith(".mapping", StringComparison.OrdinalIgnoreCase) ? name[..^".mapping".Length] : name;
    }

    private static Dictionary<string, string> Map(YamlMappingNode root, string key, string fileName, List<string> problems)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!root.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            return map;
        }

        if (node is not YamlMappingNode mapping)
        {
            problems.Add($"{fileName}: {key} must be a map (key: value lines)");
            return map;
        }

        foreach (var (k, v) in mapping.Children)
        {
            if (k is YamlScalarNode ks && v is YamlScalarNode vs && ks.Value is not null && vs.Value is not null)
            {
                map[ks.Value] = vs.Value;
            }
            else
            {
                problems.Add($"{fileName}: {key}: every entry must be a single text value (line {k.Start.Line})");
            }
        }

        return map;
    }
}
