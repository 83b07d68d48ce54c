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

    /// <summary>
    /// Why the text is beyond what a YAML file of this pipeline may be (size, nesting, aliases), or null. Checked on the
    /// parser's events, which need no recursion, before anything builds the document (which recurses).
    /// </summary>
    private static string? Bounds(string text)
    {
        if (text.Length > MaxChars)
        {
            return $"the file holds {text.Length:N0} characters, more than the {MaxChars:N0} a YAML file here may hold";
        }

        var parser = new Parser(new StringReader(text));
        int depth = 0, aliases = 0;
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case YamlDotNet.Core.Events.MappingStart or YamlDotNet.Core.Events.SequenceStart when ++depth > MaxDepth:
                        return $"line {parser.Current!.Start.Line}: maps and lists nest more than {MaxDepth} deep";
                    case YamlDotNet.Core.Events.MappingEnd or YamlDotNet.Core.Events.SequenceEnd:
                        depth--;
                        break;
                    case YamlDotNet.Core.Events.AnchorAlias when ++aliases > MaxAliases:
                        return $"line {parser.Current!.Start.Line}: more than {MaxAliases} aliases (*name)";
                }
            }
        }
        catch (YamlException)
        {
            return null; // not valid YAML: the full read says where and why
        }

        return null;
    }

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

    /// <summary>The most text a YAML file may hold: the largest real one (a framework definition) is about 60 KB.</summary>
    public const int MaxChars = 1 << 20;

    /// <summary>The deepest nesting of maps and lists: ours go five deep; a file nested thousands deep would overflow the stack.</summary>
    public const int MaxDepth = 64;

    /// <summary>The most aliases (*name) a file may use: ours use none; a chain of them expands exponentially.</summary>
    public const int MaxAliases = 100;

    /// <summary>Reads text; with <paramref name="allowEmpty"/> an empty file (or only comments) is an empty map, not a problem.</summary>
    public static StrictYaml Parse(string fileName, string text, bool allowEmpty = false)
    {
        var file = new StrictYaml(fileName, null);
        if (Bounds(text) is { } why)
        {
            throw new PipelineInputException($"{fileName}: {why}; nothing was read.");
        }

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
