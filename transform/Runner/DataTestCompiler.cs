using YamlDotNet.RepresentationModel;

namespace ResearchPipeline.Transform.Runner;

/// <summary>
/// Turns the tests declared next to a model into queries that return failing rows:
/// not_null, unique, accepted_values, relationships (per column), unique_combination and expression (per model).
/// The YAML is shipped with the code, so its identifiers are trusted; nothing here comes from input files. Expressions
/// and relationship targets are written as templates ({{ this }}, {{ ref('…') }}, {{ source('…', '…') }}) and rendered here.
/// </summary>
internal static class DataTestCompiler
{
    public static List<DataTest> Compile(string model, string relation, YamlMappingNode spec, Func<string, string> render)
    {
        var tests = new List<DataTest>();
        if (spec.Children.TryGetValue(new YamlScalarNode("columns"), out var columns))
        {
            foreach (var column in ((YamlSequenceNode)columns).Children.Cast<YamlMappingNode>())
            {
                var name = ModelCatalog.Scalar(column, "name")!;
                if (!column.Children.TryGetValue(new YamlScalarNode("tests"), out var list))
                {
                    continue;
                }

                foreach (var entry in ((YamlSequenceNode)list).Children)
                {
                    tests.Add(ColumnTest(model, relation, name, entry, render));
                }
            }
        }

        if (spec.Children.TryGetValue(new YamlScalarNode("tests"), out var modelTests))
        {
            foreach (var entry in ((YamlSequenceNode)modelTests).Children.Cast<YamlMappingNode>())
            {
                tests.Add(ModelTest(model, relation, entry, render));
            }
        }

        return tests;
    }

    private static DataTest ColumnTest(string model, string relation, string column, YamlNode entry, Func<string, string> render)
    {
        if (entry is YamlScalarNode scalar)
        {
            return scalar.Value switch
            {
                "not_null" => new DataTest(model, $"not_null({column})", Severity.Error,
                    $"select * from {relation} where {column} is null", $"{column} is never null"),
                "unique" => new DataTest(model, $"unique({column})", Severity.Error,
                    $"select {column}, count(*) as n from {relation} group by {column} having count(*) > 1", $"{column} is unique"),
                _ => throw new InvalidOperationException($"Model {model}, column {column}: unknown test {scalar.Value}."),
            };
        }

        var map = (YamlMappingNode)entry;
        var (kind, argsNode) = map.Children.Single();
        var args = (YamlMappingNode)argsNode;
        var severity = SeverityOf(args);
        return ((YamlScalarNode)kind).Value switch
        {
            "accepted_values" => new DataTest(model, $"accepted_values({column})", severity,
                $"select * from {relation} where {column} is not null and {column} not in ({string.Join(", ", ((YamlSequenceNode)args.Children[new YamlScalarNode("values")]).Children.Select(v => Quote(((YamlScalarNode)v).Value!)))})",
                $"{column} only takes the accepted values"),
            "relationships" => new DataTest(model, $"relationships({column})", severity,
                $"select * from {relation} where {column} is not null and {column} not in (select {ModelCatalog.Scalar(args, "field")} from {render(ModelCatalog.Scalar(args, "to")!)})",
                $"{column} exists in {render(ModelCatalog.Scalar(args, "to")!)}"),
            var other => throw new InvalidOperationException($"Model {model}, column {column}: unknown test {other}."),
        };
    }

    private static DataTest ModelTest(string model, string relation, YamlMappingNode entry, Func<string, string> render)
    {
        if (entry.Children.TryGetValue(new YamlScalarNode("unique_combination"), out var cols))
        {
            var list = string.Join(", ", ((YamlSequenceNode)cols).Children.Select(c => ((YamlScalarNode)c).Value));
            return new DataTest(model, $"unique_combination({list})", Severity.Error,
                $"select {list}, count(*) as n from {relation} group by {list} having count(*) > 1", $"one row per {list}");
        }

        var name = ModelCatalog.Scalar(entry, "name") ?? throw new InvalidOperationException($"Model {model}: an expression test needs a name.");
        var expression = render(ModelCatalog.Scalar(entry, "expression") ?? "") is { Length: > 0 } e ? e : throw new InvalidOperationException($"Model {model}, test {name}: expression is missing.");
        return new DataTest(model, name, SeverityOf(entry), $"select * from {relation} m where not ({expression})",
            ModelCatalog.Scalar(entry, "description") ?? expression);
    }

    private static Severity SeverityOf(YamlMappingNode node) =>
        ModelCatalog.Scalar(node, "severity") == "warn" ? Severity.Warn : Severity.Error;

    private static string Quote(string s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";
}
