using System.Text.RegularExpressions;

namespace ResearchPipeline.Transform.Runner;

/// <summary>
/// Free text that may quote what a file held (a quarantine reason, a column name from a file's header, a job's
/// message), as SQL that masks it: every "quoted value" becomes "…" and every email address …@…. The one place the
/// snapshot (SnapshotPublisher) and the models (<c>{{ masked('column') }}</c>, <c>{{ masked_emails('column') }}</c>)
/// take it from.
/// </summary>
public static partial class Masking
{
    /// <summary>SQL for <paramref name="column"/> with its email addresses masked, and its quoted values too unless <paramref name="emailsOnly"/>.</summary>
    public static string Sql(string column, bool emailsOnly = false)
    {
        var text = emailsOnly ? column : $"regexp_replace({column}, '\"[^\"]*\"', '\"…\"', 'g')";
        return $"regexp_replace({text}, '[^\\s\"<>(),;:]+@[^\\s\"<>(),;:]+', '…@…', 'g')";
    }

    /// <summary>Renders <c>{{ masked('c') }}</c> and <c>{{ masked_emails('c') }}</c> in a model's SQL.</summary>
    internal static string Render(string text) =>
        Pattern().Replace(text, m => Sql(m.Groups[2].Value, emailsOnly: m.Groups[1].Success));

    [GeneratedRegex(@"\{\{\s*masked(_emails)?\(\s*'([a-z_]+)'\s*\)\s*\}\}")]
    private static partial Regex Pattern();
}
