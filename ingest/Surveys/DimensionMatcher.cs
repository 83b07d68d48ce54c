using System.Globalization;
using System.Text.RegularExpressions;
using ResearchPipeline.Models.Frameworks;

namespace ResearchPipeline.Ingest.Surveys;

/// <summary>
/// Finds the rubric dimension a survey question is about, from its text: an outcome code ("3.2") for frameworks whose
/// codes have one, an objective number ("Objective 7", "7. Title", "[7]"), or the dimension's title.
/// </summary>
public sealed partial class DimensionMatcher(FrameworkDefinition framework)
{
    private readonly List<DimensionDefinition> _byTitleLength = framework.Dimensions.OrderByDescending(d => d.Title.Length).ToList();

    public string? Match(string questionText)
    {
        if (questionText.Trim().Length == 0)
        {
            return null;
        }

        if (framework.Dimensions.Any(d => d.Code.Contains('.', StringComparison.Ordinal)))
        {
            var codes = OutcomeCode().Matches(questionText).Select(m => m.Groups[1].Value)
                .Where(c => framework.Dimensions.Any(d => d.Code == c)).Distinct().ToList();
            if (codes.Count == 1)
            {
                return codes[0];
            }
        }
        else
        {
            var number = LeadingNumber().Match(questionText) is { Success: true } lead ? lead
                : NamedNumber().Match(questionText) is { Success: true } named ? named
                : BracketNumber().Match(questionText);
            if (number.Success && int.TryParse(number.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                && framework.Dimensions.FirstOrDefault(d => d.Number == n) is { } byNumber)
            {
                return byNumber.Code;
            }
        }

        var text = TextKey.Canon(questionText);
        return _byTitleLength.FirstOrDefault(d => text.Contains(TextKey.Canon(d.Title), StringComparison.Ordinal))?.Code;
    }

    [GeneratedRegex(@"(?<![\d.])(\d{1,2}\.\d{1,2})(?![\d.])")]
    private static partial Regex OutcomeCode();

    [GeneratedRegex(@"^\s*(\d{1,2})\s*[.):\-–]\s")]
    private static partial Regex LeadingNumber();

    [GeneratedRegex(@"\b(?:objective|obj\.?|outcome)\s*#?\s*(\d{1,2})\b", RegexOptions.IgnoreCase)]
    private static partial Regex NamedNumber();

    [GeneratedRegex(@"\[\s*(\d{1,2})\s*\]")]
    private static partial Regex BracketNumber();
}
