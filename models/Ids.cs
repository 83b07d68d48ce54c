using System.Text.RegularExpressions;

namespace ResearchPipeline.Models;

/// <summary>
/// The shape of the ids users give in reference files (network, unit, organisation, wave): they name report files and
/// folders, so they hold only letters, digits, '-', '_' and '.', begin with a letter or digit, and are at most 100
/// characters. "../../x" or "a/b" is refused on landing, before it can become a path.
/// </summary>
public static partial class Ids
{
    public const string Rule = "letters, digits, '-', '_' and '.' only, beginning with a letter or digit, at most 100 characters (ids name report files)";

    public static bool IsSafe(string id) => SafeId().IsMatch(id);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex SafeId();
}
