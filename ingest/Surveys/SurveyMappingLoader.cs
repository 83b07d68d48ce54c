using ResearchPipeline.Models.Yaml;
using YamlDotNet.RepresentationModel;

namespace ResearchPipeline.Ingest.Surveys;

/// <summary>Reads a mapping file; every problem found is listed in one refusal, with the file and key.</summary>
public static class SurveyMappingLoader
{
    private static readonly string[] RequiredColumns = ["unit", "rater"];

    private static readonly string[] Keys = ["format", "network", "framework", "wave", "columns", "dimensions", "units", "roles", "role", "time_zone", "waves"];

    public static SurveyMapping Load(string path)
    {
        var file = StrictYaml.Load(path, "mapping file");
        var mapping = file.Root is { } root ? Read(root, Path.GetFileName(path)) : null;
        file.ThrowIfAny("mapping file");
        return mapping! with
        {
            Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))),
            IsSynthetic = File.ReadLines(path).TakeWhile(l => l.StartsWith('#')).Any(l => l.Contains("synthetic sample data", StringComparison.OrdinalIgnoreCase)),
        };
    }

    private static SurveyMapping Read(YamlMap root, string fileName)
    {
        root.AllowOnly(Keys);
        var kind = root.OneOf("format", [.. SurveyFormats.Keys, "workbook", "long"]);
        var format = kind is null or "workbook" or "long" ? null : SurveyFormats.ByKey(kind);
        var network = root.RequiredText("network", "for example ilead");
        var framework = root.RequiredText("framework", "for example ilead-dp-2018");
        var columns = root.TextMap("columns");
        if (root.Map("columns") is { } columnMap)
        {
            columnMap.AllowOnly(SurveyMapping.Fields);
        }

        var spreadsheet = kind is "workbook" or "long";
        foreach (var field in RequiredColumns.Where(f => !spreadsheet && !columns.ContainsKey(f)))
        {
            root.Problem("columns", $"columns.{field} is missing: say which column holds the {field}");
        }

        var role = root.Text("role");
        if (!spreadsheet && !columns.ContainsKey("role") && role is null)
        {
            root.Problem("columns", "columns.role is missing: say which column holds the rater's role, or give one role for everybody with role: CODE");
        }

        var wave = root.Text("wave");
        var waves = root.TextMap("waves");
        var events = kind == "redcap" && waves.Count > 0; // a REDCap project's events, read as waves through waves:
        if (!spreadsheet && wave is null && !columns.ContainsKey("rated_at") && !columns.ContainsKey("wave") && !events)
        {
            root.Problem("wave", "is missing: give wave: \"…\", or a columns.rated_at (or columns.wave) to place each response in a wave" +
                                 (kind == "redcap" ? ", or waves: mapping the project's events to waves" : ""));
        }

        if (waves.Count > 0 && wave is not null)
        {
            root.Problem("waves", "and wave: both given: wave: puts every response in one wave, waves: maps each response's own; keep one");
        }

        var byText = false;
        var dimensionMap = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (root.Get("dimensions"))
        {
            case null when !spreadsheet:
                root.Problem("dimensions", "is missing: by-question-text, or a map of column → dimension");
                break;
            case null:
                break;
            case YamlScalarNode { Value: "by-question-text" }:
                byText = true;
                break;
            case YamlMappingNode:
                dimensionMap = root.TextMap("dimensions");
                break;
            default:
                root.Problem("dimensions", "must be by-question-text or a map of column → dimension");
                break;
        }

        var zone = root.TimeZone("time_zone", ": give an IANA name such as America/New_York, Europe/London or Asia/Kolkata");

        return new SurveyMapping(MappingName(fileName), format, network ?? "", framework ?? "", wave, columns, byText, dimensionMap,
            root.TextMap("units"), root.TextMap("roles"), role)
        {
            Kind = kind,
            TimeZone = zone,
            Waves = waves,
        };
    }

    /// <summary>"dp-survey.mapping.yaml" and "dp-survey.yaml" are both the mapping "dp-survey".</summary>
    public static string MappingName(string fileName)
    {
        var name = Path.GetFileNameWithoutExtension(fileName);
        return name.EndsWith(".mapping", StringComparison.OrdinalIgnoreCase) ? name[..^".mapping".Length] : name;
    }
}
