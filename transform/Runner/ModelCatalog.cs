using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ResearchPipeline.Transform.Runner;

/// <summary>
/// Discovers the SQL models shipped in transform/sql/{staging,intermediate,marts} with the YAML that
/// declares their materialization and data tests, and orders them by their <c>{{ ref('…') }}</c> dependencies.
/// </summary>
public static partial class ModelCatalog
{
    private static readonly string[] Layers = ["staging", "intermediate", "marts", "research"];

    // The models and sources are embedded in the assembly: read, checked and compiled once per process.
    private static readonly Lazy<IReadOnlyList<SqlModel>> Models = new(LoadEmbedded);
    private static readonly Lazy<IReadOnlyList<SourceTable>> SourceTables = new(SourcesEmbedded);

    public static IReadOnlyList<SqlModel> Load() => Models.Value;

    /// <summary>The tables declared in sql/_sources.yml: what they hold and how they are published.</summary>
    public static IReadOnlyList<SourceTable> Sources() => SourceTables.Value;

    private static IReadOnlyList<SqlModel> LoadEmbedded()
    {
        var assembly = typeof(ModelCatalog).Assembly;
        var names = assembly.GetManifestResourceNames();
        string Read(string name)
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }

        // Model identity is the relation (layer.name). ref('x') names a model of staging, intermediate or marts, where
        // names are unique; research views share their marts' names and are never referred to.
        // name.refresh.sql beside a model is its incremental refresh (IncrementalSpec.RefreshFile), not a model.
        var sqlFiles = names.Where(n => n.EndsWith(".sql", StringComparison.Ordinal) && !n.EndsWith(".refresh.sql", StringComparison.Ordinal) && n.StartsWith("models/", StringComparison.Ordinal))
            .Select(n => (Layer: n.Split('/')[1], Name: Path.GetFileNameWithoutExtension(n), Sql: Read(n)))
            .ToList();
        foreach (var f in sqlFiles.Where(f => !Layers.Contains(f.Layer)))
        {
            throw new InvalidOperationException($"Model {f.Name} is in folder {f.Layer}; models live in {string.Join(", ", Layers)}.");
        }

        var referable = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in sqlFiles.Where(f => f.Layer != "research"))
        {
            if (!referable.TryAdd(f.Name, f.Layer))
            {
                throw new InvalidOperationException($"Two models are named {f.Name} ({referable[f.Name]} and {f.Layer}); names must be unique outside research.");
            }
        }

        var declared = new Dictionary<string, YamlMappingNode>(StringComparer.Ordinal);
        foreach (var yml in names.Where(n => n.EndsWith(".yml", StringComparison.Ordinal)))
        {
            var root = ModelYamlSchema.Read(yml, Read(yml)).Node;
            if (!root.Children.ContainsKey(new YamlScalarNode("models")))
            {
                continue;
            }

            var layer = yml.Split('/')[1];
            foreach (var node in ((YamlSequenceNode)root.Children[new YamlScalarNode("models")]).Children.Cast<YamlMappingNode>())
            {
                var name = Scalar(node, "name")!;
                if (!sqlFiles.Any(f => f.Layer == layer && f.Name == name))
                {
                    throw new InvalidOperationException($"{yml} declares model {name}, which has no .sql file in {layer}.");
                }

                declared[$"{layer}.{name}"] = node;
            }
        }

        var sources = Sources().Select(t => t.Table).ToHashSet(StringComparer.Ordinal);
        var models = new List<SqlModel>();
        foreach (var (layer, name, template) in sqlFiles)
        {
            var relation = $"{layer}.{name}";
            string Render(string text) => ThisPattern().Replace(RenderRefs(RenderSources(Masking.Render(text), relation, sources), relation, referable), relation);
            var masked = Masking.Render(template);
            var sql = RenderSources(masked, relation, sources);
            var refs = RefPattern().Matches(sql).Select(m => m.Groups[1].Value).Distinct().ToList();
            foreach (var r in refs.Where(r => !referable.ContainsKey(r)))
            {
                throw new InvalidOperationException($"Model {name} refers to {{{{ ref('{r}') }}}}, which is not a model.");
            }

            var compiled = RenderRefs(sql, relation, referable);
            declared.TryGetValue(relation, out var spec);
            var materialized = spec is null ? "view" : Scalar(spec, "materialized") ?? "view";
            if (materialized is not ("view" or "table" or "incremental" or "computed"))
            {
                throw new InvalidOperationException($"Model {relation}: materialized must be view, table, incremental or computed, not {materialized}.");
            }

            var scopedBy = spec is not null && spec.Children.ContainsKey(new YamlScalarNode("scoped_by")) ? List(spec, "scoped_by") : [];
            if (scopedBy.Count > 0 && (materialized != "view" || scopedBy.Any(c => !ScopeColumns.Contains(c))))
            {
                throw new InvalidOperationException($"Model {relation}: scoped_by is for views, and names scope columns ({string.Join(", ", ScopeColumns)}).");
            }

            var compute = spec is null ? null : Scalar(spec, "compute");
            if ((materialized == "computed") != (compute is not null) || (compute is not null && !Statistics.ComputedModels.Knows(compute)))
            {
                throw new InvalidOperationException($"Model {relation}: a computed model names its computation (compute: one of {string.Join(", ", Statistics.ComputedModels.Names)}), and only a computed model does.");
            }

            var tests = spec is null ? [] : DataTestCompiler.Compile(relation, relation, spec, Render);
            var dependsOn = refs.Select(r => $"{referable[r]}.{r}").ToList();
            var incremental = materialized == "incremental" || (materialized == "computed" && spec!.Children.ContainsKey(new YamlScalarNode("incremental"))) ? IncrementalOf(relation, spec!) : null;
            string? refresh = null;
            if (incremental?.RefreshFile is { } file)
            {
                var resource = $"models/{layer}/{file}";
                if (materialized != "incremental" || file != name + ".refresh.sql" || !names.Contains(resource))
                {
                    throw new InvalidOperationException($"Model {relation}: incremental refresh: names {file}; an incremental model's refresh is the file {name}.refresh.sql beside it.");
                }

                refresh = ThisPattern().Replace(RenderSources(Masking.Render(Read(resource)), relation, sources), relation);
                foreach (var r in RefPattern().Matches(refresh).Select(m => m.Groups[1].Value).Where(r => !refs.Contains(r)))
                {
                    throw new InvalidOperationException($"Model {relation}: its refresh refers to {{{{ ref('{r}') }}}}, which the model itself does not read.");
                }
            }

            models.Add(new SqlModel(layer, name, compiled, materialized, spec is null ? null : Scalar(spec, "description"), dependsOn, tests)
            {
                SqlWithRefs = sql,
                // A computed model may also say incremental: then an incremental build recomputes only the changed scope.
                Incremental = incremental,
                RefreshSqlWithRefs = refresh,
                ScopedBy = scopedBy,
                ReadsSources = SourcePattern().Matches(masked).Select(m => $"{m.Groups[1].Value}.{m.Groups[2].Value}").Distinct().ToList(),
                Source = spec is null ? null : Scalar(spec, "source"),
                ColumnDescriptions = spec is null ? new Dictionary<string, string>() : ColumnDescriptionsOf(spec),
                ColumnsFrom = spec is null ? null : Scalar(spec, "columns_from"),
                Compute = compute,
            });
        }

        return Order(models);
    }

    /// <summary>Dependencies first; a cycle is a defect in the shipped models and says which.</summary>
    public static IReadOnlyList<SqlModel> Order(IReadOnlyList<SqlModel> models)
    {
        var byRelation = models.ToDictionary(m => m.Relation);
        var ordered = new List<SqlModel>();
        var state = new Dictionary<string, int>();
        void Visit(SqlModel m, Stack<string> path)
        {
            if (state.GetValueOrDefault(m.Relation) == 2)
            {
                return;
            }

            if (state.GetValueOrDefault(m.Relation) == 1)
            {
                throw new InvalidOperationException($"Models depend on each other in a cycle: {string.Join(" -> ", path.Reverse())} -> {m.Relation}.");
            }

            state[m.Relation] = 1;
            path.Push(m.Relation);
            foreach (var d in m.DependsOn.Order(StringComparer.Ordinal))
            {
                Visit(byRelation[d], path);
            }

            path.Pop();
            state[m.Relation] = 2;
            ordered.Add(m);
        }

        foreach (var m in models.OrderBy(m => Array.IndexOf(Layers, m.Layer)).ThenBy(m => m.Name, StringComparer.Ordinal))
        {
            Visit(m, new Stack<string>());
        }

        return ordered;
    }

    private static List<SourceTable> SourcesEmbedded()
    {
        var assembly = typeof(ModelCatalog).Assembly;
        using var stream = assembly.GetManifestResourceStream("models/_sources.yml")
            ?? throw new InvalidOperationException("sql/_sources.yml is not embedded.");
        using var reader = new StreamReader(stream);
        var root = ModelYamlSchema.Read("_sources.yml", reader.ReadToEnd()).Node;
        var list = new List<SourceTable>();
        foreach (var node in ((YamlSequenceNode)root.Children[new YamlScalarNode("sources")]).Children.Cast<YamlMappingNode>())
        {
            list.Add(new SourceTable(
                Scalar(node, "table")!,
                Scalar(node, "published") == "true",
                Scalar(node, "description") ?? "",
                Scalar(node, "source"),
                ColumnDescriptionsOf(node),
                List(node, "withheld"),
                List(node, "masked")));
        }

        return list;
    }

    /// <summary>The columns of the changed scope: what incremental keys, narrow columns and scoped_by may name.</summary>
    private static readonly string[] ScopeColumns = ["framework_id", "network_id", "unit_id", "wave_id"];

    private static IncrementalSpec IncrementalOf(string name, YamlMappingNode spec)
    {
        if (!spec.Children.TryGetValue(new YamlScalarNode("incremental"), out var node) || node is not YamlMappingNode map)
        {
            throw new InvalidOperationException($"Model {name} is incremental but declares no incremental: {{ key: [...] }}.");
        }

        var key = List(map, "key");
        var scope = map.Children.ContainsKey(new YamlScalarNode("scope")) ? List(map, "scope") : key;
        if (key.Count == 0 || key.Count != scope.Count || scope.Any(s => !ScopeColumns.Contains(s)))
        {
            throw new InvalidOperationException(
                $"Model {name}: incremental key and scope must be non-empty lists of the same length; scope columns are {string.Join(", ", ScopeColumns)}.");
        }

        var narrow = map.Children.ContainsKey(new YamlScalarNode("narrow")) ? List(map, "narrow") : [];
        if (narrow.Any(s => !ScopeColumns.Contains(s)))
        {
            throw new InvalidOperationException($"Model {name}: incremental narrow columns must be scope columns ({string.Join(", ", ScopeColumns)}).");
        }

        var ownWave = Scalar(map, "own_wave_only");
        if (ownWave is not (null or "true" or "false"))
        {
            throw new InvalidOperationException($"Model {name}: incremental own_wave_only is true or false, not {ownWave}.");
        }

        return new IncrementalSpec(key, scope) { Narrow = narrow, RefreshFile = Scalar(map, "refresh"), OwnWaveOnly = ownWave == "true" };
    }

    private static Dictionary<string, string> ColumnDescriptionsOf(YamlMappingNode spec)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (spec.Children.TryGetValue(new YamlScalarNode("columns"), out var columns) && columns is YamlSequenceNode seq)
        {
            foreach (var column in seq.Children.Cast<YamlMappingNode>())
            {
                if (Scalar(column, "description") is { } d)
                {
                    result[Scalar(column, "name")!] = d;
                }
            }
        }

        return result;
    }

    private static List<string> List(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlSequenceNode seq
            ? seq.Children.Select(c => ((YamlScalarNode)c).Value!).ToList()
            : [];

    internal static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var v) ? (v as YamlScalarNode)?.Value : null;

    /// <summary>{{ source('core', 'levels') }} → core.levels: a landed table the transform reads, which _sources.yml must declare.</summary>
    internal static string RenderSources(string text, string model, IReadOnlySet<string> sources) => SourcePattern().Replace(text, m =>
    {
        var table = $"{m.Groups[1].Value}.{m.Groups[2].Value}";
        return sources.Contains(table)
            ? table
            : throw new InvalidOperationException($"Model {model} reads {{{{ source('{m.Groups[1].Value}', '{m.Groups[2].Value}') }}}}, which sql/_sources.yml does not declare.");
    });

    /// <summary>{{ ref('stage_history') }} → marts.stage_history.</summary>
    private static string RenderRefs(string text, string model, Dictionary<string, string> referable) => RefPattern().Replace(text, m =>
        referable.TryGetValue(m.Groups[1].Value, out var layer)
            ? $"{layer}.{m.Groups[1].Value}"
            : throw new InvalidOperationException($"Model {model} refers to {{{{ ref('{m.Groups[1].Value}') }}}}, which is not a model."));

    [GeneratedRegex(@"\{\{\s*ref\(\s*'([a-z0-9_]+)'\s*\)\s*\}\}")]
    internal static partial Regex RefPattern();

    [GeneratedRegex(@"\{\{\s*this\s*\}\}")]
    private static partial Regex ThisPattern();

    [GeneratedRegex(@"\{\{\s*source\(\s*'([a-z_]+)'\s*,\s*'([a-z0-9_]+)'\s*\)\s*\}\}")]
    private static partial Regex SourcePattern();
}
