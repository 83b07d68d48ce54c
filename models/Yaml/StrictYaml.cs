using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ResearchPipeline.Models.Yaml;

/// <summary>
/// The one reader of every YAML file a user writes (pipeline config, mapping, paper spec, framework definition) and of
/// the SQL models' YAML: unknown keys are problems with the line and a "did you mean", bad values are problems with the
/// key's path, and every problem of the file is collected so that one refusal lists them all.
/// </summary>
public sealed class StrictYaml
{
    private readonly List<YamlProblem> _problems = [];

    private StrictYaml(string file, YamlMap? root)
    {
        File = file;
        Root = root;
    }

    /// <summary>The file's name as messages show it.</summary>
    public string File { get; }

    /// <summary>The top-level map, or null when the file is empty, not YAML, or not a map (a problem says which).</summary>
    public YamlMap? Root { get; private set; }

    public IReadOnlyList<YamlProblem> Problems => _problems;

    /// <summary>Reads a file; a missing file is refused at once, naming <paramref name="what"/> ("config file", …).</summary>
    public static StrictYaml Load(string path, string what, bool allowEmpty = false)
    {
        if (!System.IO.File.Exists(path))
        {
            throw new PipelineInputException(Directory.Exists(path) ? $"{path}: is a folder, not a {what}." : $"{path}: {what} not found.");
        }

        string text;
        try
        {
            text = System.IO.File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PipelineInputException($"{path}: the {what} cannot be read: {ex.Message}", ex);
        }

        return Parse(Path.GetFileName(path), text, allowEmpty);
    }

    /// <summary>Reads text; with <paramref name="allowEmpty"/> an empty file (or only comments) is an empty map, not a problem.</summary>
    public static StrictYaml Parse(string fileName, string text, bool allowEmpty = false)
    {
        var file = new StrictYaml(fileName, null);
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            {
                if (allowEmpty)
                {
                    file.Root = new YamlMap(file, "", new YamlMappingNode());
                }
                else
                {
                    file.Add("$", 0, "the file is empty");
                }
            }
            else if (stream.Documents[0].RootNode is not YamlMappingNode map)
            {
                file.Add("$", (int)stream.Documents[0].RootNode.Start.Line, "must be a map of key: value lines");
            }
            else
            {
                file.Root = new YamlMap(file, "", map);
            }
        }
        catch (YamlException ex)
        {
            file.Add("$", (int)ex.Start.Line, "is not valid YAML: " + (ex.InnerException?.Message ?? ex.Message));
        }

        return file;
    }

    public void Add(string path, int line, string message) => _problems.Add(new YamlProblem(File, path.Length == 0 ? "$" : path, line, message));

    /// <summary>
    /// Refuses the file when it has any problem, listing every one: the first line says how many and that nothing ran,
    /// each problem follows on its own line.
    /// </summary>
    public void ThrowIfAny(string what)
    {
        if (_problems.Count == 0)
        {
            return;
        }

        static string Where(YamlProblem p) => (p.Line > 0 ? $"line {p.Line}, " : "") + $"{p.Path}: {p.Message}";
        throw new PipelineInputException(_problems.Count == 1
            ? $"{File}: {Where(_problems[0])}"
            : $"{File}: {_problems.Count} problems in the {what}; nothing ran." + Environment.NewLine
              + string.Join(Environment.NewLine, _problems.OrderBy(p => p.Line).Select(p => "  " + Where(p))));
    }
}
