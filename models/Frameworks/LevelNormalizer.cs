using System.Globalization;
using System.Text.RegularExpressions;

namespace ResearchPipeline.Models.Frameworks;

/// <summary>
/// Turns what people type for a level into the framework's level value: "2", "2.0", "Stage 2",
/// "Small change implementation", "2 - Small change implementation", "Level 1 (Ideal)", "Ideal", and the number and
/// the label in any order and wrapping: "Stage 2 (Small change implementation)", "(2) Small change implementation",
/// "Small change implementation (2)", "1 (Ideal)", in straight or curly, single or double quotes. Blank is "not rated".
/// A number and a label that disagree, or anything else, is a failure whose message says what was expected.
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
        var text = (raw ?? "").Trim().Trim(Wrapping).Trim();
        if (text.Length == 0)
        {
            return LevelParse.Blank;
        }

        var canon = Canon(text);
        if (_byLabel.TryGetValue(canon, out var byLabel))
        {
            return LevelParse.Of(byLabel);
        }

        // The first number (with "stage" or "level" before it, in brackets or not) is the level; what is left, once
        // its brackets, dashes and punctuation are gone, is the label, which must then name the same level.
        var m = LevelNumber().Match(canon);
        if (!m.Success)
        {
            return Invalid(raw!);
        }

        if (!TryNumber(m.Groups["n"].Value, out var value) || !IsLevel(value))
        {
            return Invalid(raw!);
        }

        // The rest as it stands ("1. Level 1 (Ideal)": the whole label), else without its brackets ("1 (Ideal)": Ideal).
        var rest = canon[..m.Index] + " " + canon[(m.Index + m.Length)..];
        var label = rest.Trim(LabelPunctuation).Trim();
        if (label.Length == 0)
        {
            return LevelParse.Of(value);
        }

        if (_byLabel.TryGetValue(Canon(rest.Trim(Separators)), out var labelled) || _byLabel.TryGetValue(Canon(label), out labelled))
        {
            return labelled == value
                ? LevelParse.Of(value)
                : LevelParse.Fail($"\"{raw}\" names {_framework.LevelTerm} {value} but the label of {_framework.LevelTerm} {labelled}");
        }

        return Invalid(raw!);
    }

    /// <summary>Quotes people and spreadsheets put around a value: straight, curly, single, double, guillemets.</summary>
    private static readonly char[] Wrapping = ['"', '\'', '\u2018', '\u2019', '\u201C', '\u201D', '\u00AB', '\u00BB', ' '];

    /// <summary>What may stand between a level's number and its label.</summary>
    private static readonly char[] Separators = [' ', '-', '\u2013', '\u2014', ':', '.', ','];

    /// <summary>What may stand between a level's number and its label, or around the label.</summary>
    private static readonly char[] LabelPunctuation = [' ', '-', '\u2013', '\u2014', ':', '.', ',', ';', '(', ')', '[', ']', '"', '\'', '\u2018', '\u2019', '\u201C', '\u201D'];

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

    // A minus sign or a decimal point right before the digits makes them part of another number ("-1", ".5"): not a level.
    [GeneratedRegex(@"(?:\b(?:stage|level)\s*)?[(\[]?\s*(?<![-\d.])(?<n>\d+(?:\.\d+)?)\s*[)\]]?")]
    private static partial Regex LevelNumber();
}
