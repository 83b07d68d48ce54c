using System.Collections;
using System.Globalization;

namespace ResearchPipeline.Jobs.Cli;

/// <summary>
/// How query and export output spell values: ISO dates, invariant numbers, lower-case booleans, and nested values as the
/// DuckDB CLI prints them: a list [1, 2, 3], a struct or map {'name': value}, NULL inside them.
/// </summary>
internal static class ValueText
{
    public static string Format(object? value) => value switch
    {
        null or DBNull => "",
        string text => text,
        IDictionary map => "{" + string.Join(", ", map.Keys.Cast<object>().Select(k => $"'{Format(k)}': {Nested(map[k])}")) + "}",
        IEnumerable list and not byte[] => "[" + string.Join(", ", list.Cast<object?>().Select(Nested)) + "]",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.TimeOfDay == TimeSpan.Zero
            ? t.ToString("yyyy-MM-dd 00:00:00", CultureInfo.InvariantCulture)
            : t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture).TrimEnd('.'),
        bool b => b ? "true" : "false",
        double x => x.ToString("R", CultureInfo.InvariantCulture),
        float x => x.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Nested(object? value) => value is null or DBNull ? "NULL" : Format(value);
}
