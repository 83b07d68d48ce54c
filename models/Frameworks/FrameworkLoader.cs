using System.Globalization;
using System.Text.RegularExpressions;
using ResearchPipeline.Models.Yaml;
using YamlDotNet.RepresentationModel;

namespace ResearchPipeline.Models.Frameworks;

/// <summary>
/// Reads a framework definition file (YAML) and validates it completely: every problem is
/// collected with its file, path and line, so an author fixes them all in one pass.
/// </summary>
public static partial class FrameworkLoader
{
    private static readonly string[] TopKeys =
    [
        "framework_id", "name", "version", "network", "level_term", "dimension_term", "ascending",
        "descriptors_by_role", "levels", "groups", "roles", "dimensions",
    ];

    public static FrameworkLoadResult LoadFile(string path) =>
        Load(Path.GetFileName(path), File.ReadAllText(path));

    /// <summary>Quick test used by ingest detection: does this YAML look like a framework definition?</summary>
    public static bool LooksLikeDefinition(string text) =>
        FrameworkIdLine().IsMatch(text) && text.Contains("dimensions:", StringComparison.Ordinal);

    public static FrameworkLoadResult Load(string fileName, string text)
    {
        var file = StrictYaml.Parse(fileName, text);
        if (file.Root is null)
        {
            return new FrameworkLoadResult(null, file.Problems);
        }

        var framework = new Reader(file).ReadFramework(file.Root.Node);
        return new FrameworkLoadResult(file.Problems.Count == 0 ? framework : null, file.Problems);
    }

    [GeneratedRegex(@"^framework_id\s*:", RegexOptions.Multiline)]
    private static partial Regex FrameworkIdLine();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex CodePattern();

    private sealed class Reader(StrictYaml file)
    {
        public void Add(string path, int line, string message) => file.Add(path, line, message);

        private static int LineOf(YamlNode node) => (int)node.Start.Line;

        public FrameworkDefinition ReadFramework(YamlMappingNode root)
        {
            CheckKeys(root, "$", TopKeys);
            var id = RequiredString(root, "$", "framework_id");
            if (id is not null && !IdPattern().IsMatch(id))
            {
                Add("$.framework_id", LineOf(root), $"\"{id}\" must be lower-case letters, digits and dashes (e.g. ilead-dp-2018)");
            }

            var name = RequiredString(root, "$", "name");
            var version = RequiredString(root, "$", "version");
            var network = RequiredString(root, "$", "network");
            var ascending = RequiredBool(root, "$", "ascending");
            var byRole = OptionalBool(root, "$", "descriptors_by_role") ?? false;
            var levelTerm = OptionalString(root, "level_term") ?? "level";
            var dimensionTerm = OptionalString(root, "dimension_term") ?? "dimension";

            var levels = ReadLevels(root, ascending ?? true);
            var groups = ReadGroups(root);
            var roles = ReadRoles(root);
            if (byRole && roles.Count == 0)
            {
                Add("$.roles", LineOf(root), "descriptors_by_role is true, so the framework needs at least one role");
            }

            var dimensions = ReadDimensions(root, levels, groups, roles, byRole);
            return new FrameworkDefinition(
                id ?? "", name ?? "", version ?? "", network ?? "", levelTerm, dimensionTerm,
                ascending ?? true, byRole, levels, groups, roles, dimensions);
        }

        private List<LevelDefinition> ReadLevels(YamlMappingNode root, bool ascending)
        {
            var result = new List<LevelDefinition>();
            var seq = RequiredSequence(root, "$", "levels");
            if (seq is null)
            {
                return result;
            }

            if (seq.Children.Count < 2)
            {
                Add("$.levels", LineOf(seq), "a framework needs at least two levels");
            }

            for (var i = 0; i < seq.Children.Count; i++)
            {
                var path = $"$.levels[{i}]";
                if (seq.Children[i] is not YamlMappingNode item)
                {
                    Add(path, LineOf(seq.Children[i]), "must be a mapping with value, label and progress_rank");
                    continue;
                }

                CheckKeys(item, path, ["value", "label", "progress_rank"]);
                var value = RequiredInt(item, path, "value");
                var label = RequiredString(item, path, "label");
                var rank = RequiredInt(item, path, "progress_rank");
                if (value is not null && result.Any(l => l.Value == value))
                {
                    Add(path + ".value", LineOf(item), $"level value {value} is defined twice");
                }

                if (label is not null && result.Any(l => string.Equals(l.Label, label, StringComparison.OrdinalIgnoreCase)))
                {
                    Add(path + ".label", LineOf(item), $"label \"{label}\" is used by two levels");
                }

                if (value is not null && label is not null && rank is not null)
                {
                    result.Add(new LevelDefinition(value.Value, label, rank.Value));
                }
            }

            var n = result.Count;
            if (n == seq.Children.Count && n > 0)
            {
                var ranks = result.Select(l => l.ProgressRank).Order().ToList();
                if (!ranks.SequenceEqual(Enumerable.Range(1, n)))
                {
                    Add("$.levels", LineOf(seq), $"progress_rank must number the levels 1 to {n}, each once (found {string.Join(", ", result.Select(l => l.ProgressRank))})");
                }
                else
                {
                    var byValue = result.OrderBy(l => l.Value).Select(l => l.ProgressRank).ToList();
                    var expected = ascending ? Enumerable.Range(1, n).ToList() : Enumerable.Range(1, n).Reverse().ToList();
                    if (!byValue.SequenceEqual(expected))
                    {
                        Add("$.levels", LineOf(seq), ascending
                            ? "ascending is true, so progress_rank must rise with the level value (lowest value = rank 1)"
                            : "ascending is false, so progress_rank must fall as the level value rises (lowest value = most developed)");
                    }
                }
            }

            return result;
        }

        private List<GroupDefinition> ReadGroups(YamlMappingNode root)
        {
            var result = new List<GroupDefinition>();
            var seq = RequiredSequence(root, "$", "groups");
            if (seq is null)
            {
                return result;
            }

            for (var i = 0; i < seq.Children.Count; i++)
            {
                var path = $"$.groups[{i}]";
                if (seq.Children[i] is not YamlMappingNode item)
                {
                    Add(path, LineOf(seq.Children[i]), "must be a mapping with code and title");
                    continue;
                }

                CheckKeys(item, path, ["code", "title", "description"]);
                var code = RequiredCode(item, path, "code");
                var title = RequiredString(item, path, "title");
                if (code is not null && result.Any(g => g.Code == code))
                {
                    Add(path + ".code", LineOf(item), $"group \"{code}\" is defined twice");
                }
                else if (code is not null && title is not null)
                {
                    result.Add(new GroupDefinition(code, title, OptionalString(item, "description")));
                }
            }

            return result;
        }

        private List<RoleDefinition> ReadRoles(YamlMappingNode root)
        {
            var result = new List<RoleDefinition>();
            if (!root.Children.TryGetValue(new YamlScalarNode("roles"), out var node))
            {
                return result;
            }

            if (node is not YamlSequenceNode seq)
            {
                Add("$.roles", LineOf(node), "must be a list of roles");
                return result;
            }

            for (var i = 0; i < seq.Children.Count; i++)
            {
                var path = $"$.roles[{i}]";
                if (seq.Children[i] is not YamlMappingNode item)
                {
                    Add(path, LineOf(seq.Children[i]), "must be a mapping with code and name");
                    continue;
                }

                CheckKeys(item, path, ["code", "name", "description"]);
                var code = RequiredCode(item, path, "code");
                var name = RequiredString(item, path, "name");
                if (code is not null && result.Any(r => r.Code == code))
                {
                    Add(path + ".code", LineOf(item), $"role \"{code}\" is defined twice");
                }
                else if (code is not null && name is not null)
                {
                    result.Add(new RoleDefinition(code, name, OptionalString(item, "description")));
                }
            }

            return result;
        }

        private List<DimensionDefinition> ReadDimensions(
            YamlMappingNode root, List<LevelDefinition> levels, List<GroupDefinition> groups, List<RoleDefinition> roles, bool byRole)
        {
            var result = new List<DimensionDefinition>();
            var seq = RequiredSequence(root, "$", "dimensions");
            if (seq is null)
            {
                return result;
            }

            for (var i = 0; i < seq.Children.Count; i++)
            {
                var path = $"$.dimensions[{i}]";
                if (seq.Children[i] is not YamlMappingNode item)
                {
                    Add(path, LineOf(seq.Children[i]), "must be a mapping with code, number, title, group and descriptors");
                    continue;
                }

                CheckKeys(item, path, ["code", "number", "title", "group", "descriptors"]);
                var code = RequiredCode(item, path, "code");
                var number = RequiredInt(item, path, "number");
                var title = RequiredString(item, path, "title");
                var group = RequiredCode(item, path, "group");
                if (code is not null && result.Any(d => d.Code == code))
                {
                    Add(path + ".code", LineOf(item), $"dimension \"{code}\" is defined twice");
                }

                if (number is not null && number != i + 1)
                {
                    Add(path + ".number", LineOf(item), $"number is {number}, but dimensions must be numbered 1, 2, 3 … in file order (expected {i + 1})");
                }

                if (group is not null && groups.Count > 0 && groups.All(g => g.Code != group))
                {
                    Add(path + ".group", LineOf(item), $"group \"{group}\" is not one of the framework's groups ({string.Join(", ", groups.Select(g => g.Code))})");
                }

                var descriptors = ReadDescriptors(item, path, code ?? "?", levels, roles, byRole);
                if (code is not null && number is not null && title is not null && group is not null)
                {
                    result.Add(new DimensionDefinition(code, number.Value, title, group, descriptors));
                }
            }

            return result;
        }

        private List<DescriptorDefinition> ReadDescriptors(
            YamlMappingNode dim, string dimPath, string dimCode, List<LevelDefinition> levels, List<RoleDefinition> roles, bool byRole)
        {
            var result = new List<DescriptorDefinition>();
            var path = dimPath + ".descriptors";
            if (!dim.Children.TryGetValue(new YamlScalarNode("descriptors"), out var node))
            {
                Add(path, LineOf(dim), "is missing");
                return result;
            }

            if (node is not YamlMappingNode map)
            {
                Add(path, LineOf(node), byRole ? "must map each role code to its level descriptors" : "must map level values to descriptor text");
                return result;
            }

            if (!byRole)
            {
                ReadLevelTexts(map, path, dimCode, null, levels, result);
                return result;
            }

            foreach (var (key, value) in map.Children)
            {
                var role = ((YamlScalarNode)key).Value ?? "";
                var rolePath = $"{path}.{role}";
                if (roles.All(r => r.Code != role))
                {
                    Add(rolePath, LineOf(key), $"\"{role}\" is not one of the framework's roles ({string.Join(", ", roles.Select(r => r.Code))})");
                    continue;
                }

                if (value is not YamlMappingNode texts)
                {
                    Add(rolePath, LineOf(value), "must map level values to descriptor text");
                    continue;
                }

                ReadLevelTexts(texts, rolePath, dimCode, role, levels, result);
            }

            return result;
        }

        private void ReadLevelTexts(
            YamlMappingNode map, string path, string dimCode, string? role, List<LevelDefinition> levels, List<DescriptorDefinition> into)
        {
            foreach (var (key, value) in map.Children)
            {
                var raw = (key as YamlScalarNode)?.Value ?? "";
                var levelPath = $"{path}[\"{raw}\"]";
                if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var level) ||
                    (levels.Count > 0 && levels.All(l => l.Value != level)))
                {
                    Add(levelPath, LineOf(key), $"\"{raw}\" is not a level value of this framework ({string.Join(", ", levels.Select(l => l.Value))})");
                    continue;
                }

                var text = (value as YamlScalarNode)?.Value;
                if (string.IsNullOrWhiteSpace(text))
                {
                    Add(levelPath, LineOf(value), "descriptor text is empty: leave the level out where the rubric has no descriptor");
                    continue;
                }

                into.Add(new DescriptorDefinition(dimCode, role, level, text.Trim()));
            }
        }

        private void CheckKeys(YamlMappingNode map, string path, string[] allowed) => new YamlMap(file, path, map).AllowOnly(allowed);

        private static YamlNode? Get(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

        private static string? OptionalString(YamlMappingNode map, string key) =>
            (Get(map, key) as YamlScalarNode)?.Value;

        private string? RequiredString(YamlMappingNode map, string path, string key)
        {
            var node = Get(map, key);
            if (node is null)
            {
                Add($"{path}.{key}", LineOf(map), "is missing");
                return null;
            }

            if (node is not YamlScalarNode scalar || string.IsNullOrWhiteSpace(scalar.Value))
            {
                Add($"{path}.{key}", LineOf(node), "must be non-empty text");
                return null;
            }

            return scalar.Value.Trim();
        }

        private string? RequiredCode(YamlMappingNode map, string path, string key)
        {
            var value = RequiredString(map, path, key);
            if (value is not null && !CodePattern().IsMatch(value))
            {
                Add($"{path}.{key}", LineOf(map), $"\"{value}\" must be letters, digits, '.', '_' or '-' with no spaces");
                return null;
            }

            return value;
        }

        private int? RequiredInt(YamlMappingNode map, string path, string key)
        {
            var value = RequiredString(map, path, key);
            if (value is null)
            {
                return null;
            }

            if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            {
                Add($"{path}.{key}", LineOf(map), $"\"{value}\" is not a whole number");
                return null;
            }

            return n;
        }

        private bool? RequiredBool(YamlMappingNode map, string path, string key)
        {
            var value = RequiredString(map, path, key);
            return value is null ? null : ParseBool(value, path, key, map);
        }

        private bool? OptionalBool(YamlMappingNode map, string path, string key)
        {
            var value = OptionalString(map, key);
            return value is null ? null : ParseBool(value, path, key, map);
        }

        private bool? ParseBool(string value, string path, string key, YamlMappingNode map)
        {
            if (bool.TryParse(value, out var b))
            {
                return b;
            }

            Add($"{path}.{key}", LineOf(map), $"\"{value}\" must be true or false");
            return null;
        }

        private YamlSequenceNode? RequiredSequence(YamlMappingNode map, string path, string key)
        {
            var node = Get(map, key);
            if (node is null)
            {
                Add($"{path}.{key}", LineOf(map), "is missing");
                return null;
            }

            if (node is not YamlSequenceNode seq)
            {
                Add($"{path}.{key}", LineOf(node), "must be a list");
                return null;
            }

            return seq;
        }
    }
}
