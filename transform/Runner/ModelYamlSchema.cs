using ResearchPipeline.Models.Yaml;

namespace ResearchPipeline.Transform.Runner;

/// <summary>
/// The keys the SQL models' YAML (<c>_&lt;layer&gt;__models.yml</c>, <c>_sources.yml</c>) may use, checked by the one strict
/// YAML reader: a misspelt <c>tests:</c> or <c>materialised:</c> would otherwise drop a model's data tests without a word.
/// </summary>
internal static class ModelYamlSchema
{
    private static readonly string[] ModelKeys = ["name", "materialized", "incremental", "scoped_by", "compute", "description", "source", "columns", "columns_from", "tests"];
    private static readonly string[] SourceKeys = ["table", "published", "source", "description", "columns", "withheld", "masked"];
    private static readonly string[] ColumnKeys = ["name", "description", "tests"];
    private static readonly string[] ModelTestKeys = ["name", "expression", "description", "severity", "unique_combination"];

    /// <summary>Reads one of the models' YAML files; any unknown key or malformed entry refuses it, listing every problem.</summary>
    public static YamlMap Read(string name, string text)
    {
        var file = StrictYaml.Parse(name, text);
        if (file.Root is { } root)
        {
            root.AllowOnly("models", "sources");
            foreach (var model in root.MapList("models"))
            {
                model.AllowOnly(ModelKeys);
                model.RequiredText("name", "the model's .sql file name");
                model.Map("incremental")?.AllowOnly("key", "scope", "narrow", "refresh", "own_wave_only");
                Columns(model);
                foreach (var test in model.MapList("tests"))
                {
                    test.AllowOnly(ModelTestKeys);
                }
            }

            foreach (var source in root.MapList("sources"))
            {
                source.AllowOnly(SourceKeys);
                source.RequiredText("table", "schema.table");
                Columns(source);
            }
        }

        file.ThrowIfAny("models' YAML");
        return file.Root!;
    }

    private static void Columns(YamlMap parent)
    {
        foreach (var column in parent.MapList("columns"))
        {
            column.AllowOnly(ColumnKeys);
            column.RequiredText("name", "the column's name");
        }
    }
}
