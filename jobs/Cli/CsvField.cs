namespace ResearchPipeline.Jobs.Cli;

/// <summary>One delimited field as RFC 4180 writes it: quoted, with quotes doubled, when it holds the separator, a quote or a line break.</summary>
internal static class CsvField
{
    public static string Quote(string value, char separator = ',') =>
        value.IndexOfAny([separator, '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
