using System.Globalization;
using System.Text.RegularExpressions;
using ResearchPipeline.Models;

namespace ResearchPipeline.Ingest.Landing;

/// <summary>
/// Dates as survey tools and people write them, read as UTC times: ISO, US month/day/year, year/month/day, or with the
/// month in words, optionally with a time and a zone: a UTC offset ("GMT-4", "UTC+05:30", "+0200") or an abbreviation
/// as the Google Forms and Sheets downloads write them worldwide ("EST", "AEST", "CEST", "HKT"; <see cref="TimeZoneNames"/>).
/// A time without a zone is in the mapping's <c>time_zone:</c> when it has one, else UTC. Day-first dates such as
/// 04.03.2021 are not guessed.
/// </summary>
public static partial class DateText
{
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ",
        "yyyy-MM-ddTHH:mm:ss.fffZ", "yyyy-MM-ddTHH:mm:sszzz", "M/d/yyyy", "M/d/yyyy H:mm", "M/d/yyyy H:mm:ss", "M/d/yyyy h:mm tt", "M/d/yyyy h:mm:ss tt",
        "yyyy/M/d", "yyyy/M/d H:mm:ss", "yyyy/M/d h:mm:ss tt", "d MMMM yyyy", "d MMM yyyy", "MMMM d, yyyy", "MMM d, yyyy",
    ];

    private const string NotADate = "is not a date (expected YYYY-MM-DD, M/D/YYYY or 4 March 2021, optionally with a time; day-first dates such as 04.03.2021 are not guessed)";

    /// <summary>The date as a UTC time, or null when it is not one (whatever the reason).</summary>
    public static DateTime? Parse(string text) => Read(text, null).Value;

    /// <summary>
    /// The date as a UTC time, or why not: not a date, or a zone that is unknown or means more than one place (then
    /// <paramref name="zone"/>, the mapping's <c>time_zone:</c>, decides). <paramref name="zone"/> is also the zone of
    /// a time written without one.
    /// </summary>
    public static Parsed<DateTime?> Read(string text, TimeZoneInfo? zone)
    {
        var value = text.Trim();
        var suffix = ZoneSuffix().Match(value);
        var local = suffix.Success ? value[..suffix.Index].TrimEnd() : value;
        if (!DateTime.TryParseExact(local, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var written))
        {
            // "2021-04-12T09:00:00Z" and "+02:00" forms parse whole; anything else is not a date.
            return suffix.Success || !DateTime.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out written)
                ? Parsed.Failure<DateTime?>($"\"{text}\" {NotADate}")
                : Parsed.Success<DateTime?>(written);
        }

        if (!suffix.Success)
        {
            return Parsed.Success<DateTime?>(zone is null ? written : InZone(written, zone));
        }

        if (suffix.Groups["sign"].Success)
        {
            var hours = int.Parse(suffix.Groups["h"].Value, CultureInfo.InvariantCulture);
            var minutes = suffix.Groups["m"].Success ? int.Parse(suffix.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
            if (hours > 14 || minutes > 59)
            {
                return Parsed.Failure<DateTime?>($"\"{text}\": \"{suffix.Value.Trim()}\" is not a UTC offset (at most ±14:00)");
            }

            var offset = new TimeSpan(hours, minutes, 0) * (suffix.Groups["sign"].Value == "-" ? -1 : 1);
            return Parsed.Success<DateTime?>(written - offset);
        }

        var name = suffix.Groups["abbr"].Value;
        return TimeZoneNames.Find(name) switch
        {
            { Offset: { } known } => Parsed.Success<DateTime?>(written - known),
            _ when zone is not null => Parsed.Success<DateTime?>(InZone(written, zone)),
            { Meanings: { } meanings } => Parsed.Failure<DateTime?>(
                $"\"{text}\": the time zone \"{name}\" means more than one zone ({meanings}); say which with time_zone: in the mapping (an IANA name such as {TimeZoneNames.Example(name)})"),
            _ => Parsed.Failure<DateTime?>(
                $"\"{text}\": the time zone \"{name}\" is not one we know; say time_zone: in the mapping (an IANA name such as Asia/Riyadh), or write the time with its UTC offset (GMT+3)"),
        };
    }

    /// <summary>A wall-clock time in <paramref name="zone"/> as UTC (a time skipped or repeated by a clock change takes the standard offset).</summary>
    private static DateTime InZone(DateTime wallClock, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        var offset = zone.IsInvalidTime(unspecified) ? zone.BaseUtcOffset : zone.GetUtcOffset(unspecified);
        return DateTime.SpecifyKind(unspecified - offset, DateTimeKind.Utc);
    }

    /// <summary>A zone after the time: GMT/UTC with an offset, a bare offset (+05:30, -0400), or an abbreviation of 2–5 letters.</summary>
    [GeneratedRegex(@"(?:\s*(?:GMT|UTC)(?<sign>[+-])(?<h>\d{1,2})(?::?(?<m>\d{2}))?|\s(?<sign>[+-])(?<h>\d{2}):?(?<m>\d{2})|\s(?<abbr>(?!(?:AM|PM)$)[A-Za-z]{2,5}))$", RegexOptions.IgnoreCase)]
    private static partial Regex ZoneSuffix();
}
