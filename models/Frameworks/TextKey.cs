namespace ResearchPipeline.Models.Frameworks;

/// <summary>
/// How typed labels, titles and names are compared: case, curly quotes, repeated spaces, surrounding quotes
/// and a trailing full stop do not matter ("Integrating IS/NIC  into the core work." = the stage label).
/// </summary>
public static class TextKey
{
    public static string Canon(string s) =>
        string.Join(' ', s.Replace('\u2019', '\'').Replace('\u201C', '"').Replace('\u201D', '"').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Trim('"').TrimEnd('.').ToLowerInvariant();
}
