using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace ResearchPipeline.Models.Yaml;

/// <summary>
/// A map in a strictly read YAML file: typed reads that record a problem (with path and line) instead of throwing, so
/// the caller reads on and every problem of the file is listed at once. A missing key reads as null.
/// </summary>
public sealed partial class YamlMap
{
    private readonly StrictYaml _file;

    internal YamlMap(StrictYaml file, string path, YamlMappingNode node, int? line = null)
    {
        _file = file;
        Path = path;
        Node = node;
        Line = line ?? (int)node.Start.Line;
    }

    /// <summary>The file this map is in (its problems so far).</summary>
    public StrictYaml File => _file;

    /// <summary>Where this map is in the file: "" for the top, "sources[0]", "dashboard", ….</summary>
    public string Path { get; }

    public YamlMappingNode Node { get; }

    public int Line { get; }

    public IEnumerable<string> Keys => Node.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "");

    /// <summary>
    /// Every key not in <paramref name="known"/> is a problem: "unknown key; did you mean …?". A key is quoted only when
    /// it is shaped like a key (a word of at most 40 letters, digits, _ . -): a file given by mistake (a CSV of names, a
    /// key file) has its lines read as keys, and a message never repeats a file's content.
    /// </summary>
    public YamlMap AllowOnly(params string[] known)
    {
        foreach (var key in Node.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (known.Contains(name, StringComparer.Ordinal))
            {
                continue;
            }

            if (KeyShaped().IsMatch(name))
            {
                _file.Add(Child(name), (int)key.Start.Line,
                    $"unknown key \"{name}\"{Suggestion.DidYouMean(name, known)} (known here: {string.Join(", ", known)})");
            }
            else
            {
                _file.Add(Path.Length == 0 ? "$" : Path, (int)key.Start.Line,
                    $"a line that is not one of the keys known here ({string.Join(", ", known)}); is this the right file?");
            }
        }

        return this;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.\-]{0,39}$")]
    private static partial System.Text.RegularExpressions.Regex KeyShaped();

    public bool Has(string key) => Node.Children.ContainsKey(new YamlScalarNode(key));

    public YamlNode? Get(string key) => Node.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    /// <summary>Records a problem at <paramref name="key"/> (its line when present, else this map's).</summary>
    public void Problem(string key, string message) => _file.Add(Child(key), LineOf(key), message);

    public int LineOf(string key) =>
        Node.Children.Keys.FirstOrDefault(k => (k as YamlScalarNode)?.Value == key) is { Start.Line: > 0 } node ? (int)node.Start.Line : Line;

    /// <summary>A text value; null when absent or empty. A list or map where text belongs is a problem.</summary>
    public string? Text(string key)
    {
        var node = Get(key);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlScalarNode scalar)
        {
            Problem(key, "must be a single value, not a list or map");
            return null;
        }

        return string.IsNullOrWhiteSpace(scalar.Value) ? null : scalar.Value.Trim();
    }

    public string? RequiredText(string key, string hint)
    {
        var value = Text(key);
        if (value is null && Get(key) is null or YamlScalarNode)
        {
            Problem(key, $"is missing: {hint}");
        }

        return value;
    }

    /// <summary>One of <paramref name="allowed"/>; anything else is a problem that lists them (and suggests the closest).</summary>
    public string? OneOf(string key, params string[] allowed)
    {
        var value = Text(key);
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            Problem(key, $"\"{value}\" is not one of {string.Join(", ", allowed)}{Suggestion.DidYouMean(value, allowed)}");
            return null;
        }

        return value;
    }

    /// <summary>A whole number in [min, max]; text or a number out of range is a problem that gives the range.</summary>
    public int? Whole(string key, int min, int max, string? why = null)
    {
        var value = Text(key);
        if (value is null)
        {
            return null;
        }

        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
        {
            Problem(key, $"\"{value}\" must be a whole number from {min} to {max}{(why is null ? "" : $" ({why})")}");
            return null;
        }

        return n;
    }

    /// <summary>A number in [min, max] (decimals allowed).</summary>
    public double? Number(string key, double min, double max, string? why = null)
    {
        var value = Text(key);
        if (value is null)
        {
            return null;
        }

        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || double.IsNaN(n) || n < min || n > max)
        {
            Problem(key, $"\"{value}\" must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}{(why is null ? "" : $" ({why})")}");
            return null;
        }

        return n;
    }

    /// <summary>
    /// A time zone by its IANA name; null when absent, or when the machine knows no such zone, which is a problem:
    /// "\"<i>value</i>\" is not a time zone" followed by <paramref name="hint"/>.
    /// </summary>
    public TimeZoneInfo? TimeZone(string key, string hint)
    {
        var name = Text(key);
        if (name is null)
        {
            return null;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone))
        {
            Problem(key, $"\"{name}\" is not a time zone{hint}");
        }

        return zone;
    }

    public bool? Bool(string key)
    {
        var value = Text(key);
        if (value is null)
        {
            return null;
        }

        if (!bool.TryParse(value, out var b))
        {
            Problem(key, $"\"{value}\" must be true or false");
            return null;
        }

        return b;
    }

    /// <summary>A nested map; null when absent (or when it is not a map, which is a problem).</summary>
    public YamlMap? Map(string key)
    {
        var node = Get(key);
        switch (node)
        {
            case null or YamlScalarNode { Value: null or "" }:
                return null;
            case YamlMappingNode map:
                return new YamlMap(_file, Child(key), map);
            default:
                Problem(key, "must be a map of key: value lines");
                return null;
        }
    }

    /// <summary>A list whose items are maps (<c>- name: …</c>); a scalar item is a problem unless <paramref name="scalarKey"/> names the key it stands for.</summary>
    public List<YamlMap> MapList(string key, string? scalarKey = null)
    {
        var result = new List<YamlMap>();
        var node = Get(key);
        if (node is null or YamlScalarNode { Value: null or "" })
        {
            return result;
        }

        if (node is not YamlSequenceNode seq)
        {
            Problem(key, "must be a list (lines starting with - )");
            return result;
        }

        for (var i = 0; i < seq.Children.Count; i++)
        {
            var path = $"{Child(key)}[{i}]";
            switch (seq.Children[i])
            {
                case YamlMappingNode map:
                    result.Add(new YamlMap(_file, path, map));
                    break;
                case YamlScalarNode scalar when scalarKey is not null:
                    var wrapped = new YamlMappingNode();
                    wrapped.Add(scalarKey, scalar);
                    result.Add(new YamlMap(_file, path, wrapped, (int)scalar.Start.Line));
                    break;
                default:
                    _file.Add(path, (int)seq.Children[i].Start.Line, "must be a map of key: value lines");
                    break;
            }
        }

        return result;
    }

    /// <summary>A list of text values (<c>[a, b]</c> or <c>- a</c> lines); absent is empty.</summary>
    public List<string> TextList(string key)
    {
        var node = Get(key);
        if (node is null or YamlScalarNode { Value: null or "" })
        {
            return [];
        }

        if (node is not YamlSequenceNode seq)
        {
            Problem(key, "must be a list, e.g. [a, b]");
            return [];
        }

        var result = new List<string>();
        for (var i = 0; i < seq.Children.Count; i++)
        {
            if (seq.Children[i] is YamlScalarNode { Value: { Length: > 0 } v })
            {
                result.Add(v);
            }
            else
            {
                _file.Add($"{Child(key)}[{i}]", (int)seq.Children[i].Start.Line, "must be a single value");
            }
        }

        return result;
    }

    /// <summary>A map of text to text (labels → ids, columns → dimensions); absent is empty.</summary>
    public Dictionary<string, string> TextMap(string key)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Map(key) is not { } map)
        {
            return result;
        }

        foreach (var (k, v) in map.Node.Children)
        {
            if (k is YamlScalarNode { Value: { } ks } && v is YamlScalarNode { Value: { } vs })
            {
                result[ks] = vs;
            }
            else
            {
                _file.Add(map.Child((k as YamlScalarNode)?.Value ?? "?"), (int)k.Start.Line, "every entry must be a single text value");
            }
        }

        return result;
    }

    private string Child(string key) => Path.Length == 0 ? key : $"{Path}.{key}";
}
