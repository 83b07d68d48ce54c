using System.Globalization;
using System.Text.RegularExpressions;

namespace ResearchPipeline.Models.Frameworks;

/// <summary>
/// Turns what people type for a level into the framework's level value: "2", "2.0", "Stage 2",
/// "Small change implementation", "2 - Small change implementation", "Level 1 (Ideal)", "Ideal".
/// Blank is "not rated". Anything else is a failure whose message says what was expected.
/// </summary>
public sealed partial class LevelNormalizer
{
    private readonly FrameworkDefinition _framework;
    private readonly Dictionary<string, int> _byLabel = new(StringComparer.OrdinalIgnoreCase);
    private readonly string _expected;

    public LevelNormalizer(FrameworkDefinition framework)
    {
        _framework = framework;
        foreach (var level in framework.Levels)
        {
            _byLabel[Canon(level.Label)] = level.Value;
            // "Level 1 (Ideal)" is also written "Ideal" alone, or "Level 1 - Ideal".
            var paren = Parenthesized().Match(level.Label);
            if (paren.Success)
            {
                _byLabel.TryAdd(Canon(paren.Groups[1].Value), level.Value);
            }
        }

        var values = framework.Levels.Select(l => l.Value).Order().ToList();
        _expected = $"expected {values[0]}–{values[^1]} or a {framework.LevelTerm} name";
    }

    public LevelParse Parse(string? raw)
    {
        var text = (raw ?? "").Trim().Trim('"', '\'', '\u201C', '\u201D').Trim();
        if (text.Length == 0)
        {
            return LevelParse.Blank;
        }

        var canon = Canon(text);
        if (_byLabel.TryGetValue(canon, out var byLabel))
        {
            return LevelParse.Of(byLabel);
        }

        var m = NumberWithLabel().Match(canon);
        if (m.Success)
        {
            var number = m.Groups["n"].Value;
            if (!TryNumber(number, out var value) || !IsLevel(value))
            {
                return Invalid(raw!);
            }

            var label = m.Groups["label"].Value.Trim();
            if (label.Length == 0)
            {
                return LevelParse.Of(value);
            }

            if (_byLabel.TryGetValue(Canon(label), out var labelled))
            {
                return labelled == value
                    ? LevelParse.Of(value)
                    : LevelParse.Fail($"\"{raw}\" names {_framework.LevelTerm} {value} but the label of {_framework.LevelTerm} {labelled}");
            }

            // "Level 1 (Ideal)" where the label part is just the parenthesized word, checked above via _byLabel.
            return Invalid(raw!);
        }

        return Invalid(raw!);
    }

    private bool IsLevel(int value) => _framework.Levels.Any(l => l.Value == value);

    private LevelParse Invalid(string raw) =>
        LevelParse.Fail($"\"{raw.Trim()}\" is not a {_framework.LevelTerm} of {_framework.FrameworkId} ({_expected})");

    private static bool TryNumber(string s, out int value)
    {
        value = 0;
        if (!decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) || d != decimal.Truncate(d))
        {
            return false;
        }

        if (d is < int.MinValue or > int.MaxValue)
        {
            return false;
        }

        value = (int)d;
        return true;
    }

    private static string Canon(string s) => TextKey.Canon(s);

    [GeneratedRegex(@"\(([^)]+)\)\s*$")]
    private static partial Regex Parenthesized();

    [GeneratedRegex(@"^(?:(?:stage|level)\s*)?(?<n>\d+(?:\.0+)?)\s*(?:[-–—:.)]\s*|\s+)?(?<label>.*)$")]
    private static partial Regex NumberWithLabel();
}
