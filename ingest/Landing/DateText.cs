using System.Globalization;

namespace ResearchPipeline.Ingest.Landing;

/// <summary>Dates as survey tools and people write them, read as UTC times.</summary>
public static partial class DateText
{
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ",
        "yyyy-MM-ddTHH:mm:ss.fffZ", "yyyy-MM-ddTHH:mm:sszzz", "M/d/yyyy", "M/d/yyyy H:mm", "M/d/yyyy H:mm:ss", "M/d/yyyy h:mm tt", "M/d/yyyy h:mm:ss tt",
        "yyyy/M/d", "yyyy/M/d H:mm:ss", "yyyy/M/d h:mm:ss tt", "d MMMM yyyy", "d MMM yyyy", "MMMM d, yyyy", "MMM d, yyyy",
    ];

    /// <summary>Zone suffixes survey tools write after a time ("9:14:03 AM GMT-4", "… EST"), as offsets from UTC.</summary>
    private static readonly Dictionary<string, TimeSpan> ZoneNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UTC"] = TimeSpan.Zero, ["GMT"] = TimeSpan.Zero, ["EST"] = TimeSpan.FromHours(-5), ["EDT"] = TimeSpan.FromHours(-4),
        ["CST"] = TimeSpan.FromHours(-6), ["CDT"] = TimeSpan.FromHours(-5), ["MST"] = TimeSpan.FromHours(-7), ["MDT"] = TimeSpan.FromHours(-6),
        ["PST"] = TimeSpan.FromHours(-8), ["PDT"] = TimeSpan.FromHours(-7),
    };

    /// <summary>
    /// A date as survey tools and people write it: ISO, US month/day/year, year/month/day, or with the month in words,
    /// optionally with a time and a zone ("GMT-4", "EST"). Day-first dates such as 04.03.2021 are not guessed.
    /// </summary>
    public static DateTime? Parse(string text)
    {
        var value = text.Trim();
        if (DateTime.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var plain))
        {
            return plain;
        }

        var offset = TimeSpan.Zero;
        var zone = ZoneSuffix().Match(value);
        if (zone.Success)
        {
            if (zone.Groups[2].Success)
            {
                var hours = int.Parse(zone.Groups[2].Value, CultureInfo.InvariantCulture);
                var minutes = zone.Groups[3].Success ? int.Parse(zone.Groups[3].Value, CultureInfo.InvariantCulture) : 0;
                offset = new TimeSpan(hours, hours < 0 ? -minutes : minutes, 0);
            }
            else if (!ZoneNames.TryGetValue(zone.Groups[4].Value, out offset))
            {
                return null;
            }

            value = value[..zone.Index];
        }
        else
        {
            return null;
        }

        return DateTime.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed - offset
            : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\s+(?:(GMT|UTC)([+-]\d{1,2})(?::?(\d{2}))?|([A-Za-z]{3}))$")]
    private static partial System.Text.RegularExpressions.Regex ZoneSuffix();
}
