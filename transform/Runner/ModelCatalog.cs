using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ResearchPipeline.Transform.Runner;

/// <summary>
/// Discovers the SQL models shipped in transform/sql/{staging,intermediate,marts} with the YAML that
/// declares their materialization and data tests, and orders them by their <c>{{ ref('…') }}</c> dependencies.
/// </summary>
public static partial class ModelCatalog
{
    private static readonly string[] Layers = ["staging", "intermediate", "marts"];

    public static IReadOnlyList<SqlModel> Load()
    {
        var assembly = typeof(ModelCatalog).Assembly;
        var names = assembly.GetManifestResourceNames();
        string Read(string name)
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }

        var sqlFiles = names.Where(n => n.EndsWith(".sql", StringComparison.Ordinal))
            .ToDictionary(n => Path.GetFileNameWithoutExtension(n), n => (Layer: n.Split('/')[1], Sql: Read(n)));
        var layerOf = sqlFiles.ToDictionary(kv => kv.Key, kv => kv.Value.Layer);
        var declared = new Dictionary<string, YamlMappingNode>();
        foreach (var yml in names.Where(n => n.EndsWith(".yml", StringComparison.Ordinal)))
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(Read(yml)));
            var root = (YamlMappingNode)stream.Documents[0].RootNode;
            foreach (var node in ((YamlSequenceNode)root.Children[new YamlScalarNode("models")]).Children.Cast<YamlMappingNode>())
            {
                var name = Scalar(node, "name")!;
                if (!sqlFiles.ContainsKey(name))
                {
                    throw new InvalidOperationException($"{yml} declares model {name}, which has no .sql file.");
                }

                declared[name] = node;
            }
        }

        var models = new List<SqlModel>();
        foreach (var (name, (layer, sql)) in sqlFiles)
        {
            if (!Layers.Contains(layer))
            {
                throw new InvalidOperationException($"Model {name} is in folder {layer}; models live in {string.Join(", ", Layers)}.");
            }

            var refs = RefPattern().Matches(sql).Select(m => m.Groups[1].Value).Distinct().ToList();
            foreach (var r in refs.Where(r => !layerOf.ContainsKey(r)))
            {
                throw new InvalidOperationException($"Model {name} refers to {{{{ ref('{r}') }}}}, which is not a model.");
            }

            var compiled = RefPattern().Replace(sql, m => $"{layerOf[m.Groups[1].Value]}.{m.Groups[1].Value}");
            declared.TryGetValue(name, out var spec);
            var materialized = spec is null ? "view" : Scalar(spec, "materialized") ?? "view";
            if (materialized is not ("view" or "table"))
            {
                throw new InvalidOperationException($"Model {name}: materialized must be view or table, not {materialized}.");
            }

            var relation = $"{layer}.{name}";
            var tests = spec is null ? [] : DataTestCompiler.Compile(name, relation, spec);
            models.Add(new SqlModel(layer, name, compiled, materialized, spec is null ? null : Scalar(spec, "description"), refs, tests));
        }

        return Order(models);
    }

    /// <summary>Dependencies first; a cycle is a defect in the shipped models and says which.</summary>
    public static IReadOnlyList<SqlModel> Order(IReadOnlyList<SqlModel> models)
    {
        var byName = models.ToDictionary(m => m.Name);
        var ordered = new List<SqlModel>();
        var state = new Dictionary<string, int>();
        void Visit(SqlModel m, Stack<string> path)
        {
            if (state.GetValueOrDefault(m.Name) == 2)
            {
                return;
            }

            if (state.GetValueOrDefault(m.Name) == 1)
            {
                throw new InvalidOperationException($"Models depend on each other in a cycle: {string.Join(" -> ", path.Reverse())} -> {m.Name}.");
            }

            state[m.Name] = 1;
            path.Push(m.Name);
            foreach (var d in m.DependsOn.Order(StringComparer.Ordinal))
            {
                Visit(byName[d], path);
            }

            path.Pop();
            state[m.Name] = 2;
            ordered.Add(m);
        }

        foreach (var m in models.OrderBy(m => Array.IndexOf(Layers, m.Layer)).ThenBy(m => m.Name, StringComparer.Ordinal))
        {
            Visit(m, new Stack<string>());
        }

        return ordered;
    }

    internal static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var v) ? (v as YamlScalarNode)?.Value : null;

    [GeneratedRegex(@"\{\{\s*ref\(\s*'([a-z0-9_]+)'\s*\)\s*\}\}")]
    private static partial Regex RefPattern();
}
