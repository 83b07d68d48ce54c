namespace ResearchPipeline.Ingest.Landing;

/// <summary>
/// Time zone abbreviations as survey downloads write them after a time (Google Forms and Sheets, SurveyMonkey): those
/// that mean one offset, and those that mean more than one place (AST is Atlantic and Arabia), which a mapping's
/// <c>time_zone:</c> must settle. Unknown abbreviations are neither.
/// </summary>
public static class TimeZoneNames
{
    public sealed record Meaning(TimeSpan? Offset, string? Meanings);

    private static TimeSpan H(double hours) => TimeSpan.FromHours(hours);

    private static readonly Dictionary<string, TimeSpan> Unambiguous = new(StringComparer.OrdinalIgnoreCase)
    {
        // UTC and Europe
        ["UTC"] = H(0), ["GMT"] = H(0), ["UT"] = H(0), ["WET"] = H(0), ["WEST"] = H(1), ["CET"] = H(1), ["CEST"] = H(2),
        ["MET"] = H(1), ["MEST"] = H(2), ["EET"] = H(2), ["EEST"] = H(3), ["MSK"] = H(3), ["TRT"] = H(3),
        // Africa and the Middle East
        ["WAT"] = H(1), ["CAT"] = H(2), ["SAST"] = H(2), ["EAT"] = H(3), ["IDT"] = H(3), ["IRST"] = H(3.5), ["IRDT"] = H(4.5),
        // Asia and the Pacific
        ["AFT"] = H(4.5), ["PKT"] = H(5), ["NPT"] = H(5.75), ["ICT"] = H(7), ["WIB"] = H(7), ["WITA"] = H(8), ["WIT"] = H(9),
        ["HKT"] = H(8), ["SGT"] = H(8), ["MYT"] = H(8), ["PHT"] = H(8), ["AWST"] = H(8), ["JST"] = H(9), ["KST"] = H(9),
        ["ACST"] = H(9.5), ["ACDT"] = H(10.5), ["AEST"] = H(10), ["AEDT"] = H(11), ["CHST"] = H(10), ["NZST"] = H(12), ["NZDT"] = H(13),
        // The Americas
        ["HST"] = H(-10), ["HDT"] = H(-9), ["AKST"] = H(-9), ["AKDT"] = H(-8), ["PST"] = H(-8), ["PDT"] = H(-7), ["MST"] = H(-7),
        ["MDT"] = H(-6), ["CDT"] = H(-5), ["EST"] = H(-5), ["EDT"] = H(-4), ["ADT"] = H(-3), ["NST"] = H(-3.5), ["NDT"] = H(-2.5),
        ["ART"] = H(-3), ["BRT"] = H(-3), ["CLT"] = H(-4), ["CLST"] = H(-3), ["COT"] = H(-5), ["PET"] = H(-5), ["UYT"] = H(-3), ["VET"] = H(-4),
    };

    /// <summary>Abbreviations in use for more than one zone, with what each means and an IANA name for the first.</summary>
    private static readonly Dictionary<string, (string Meanings, string Example)> Ambiguous = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AST"] = ("Atlantic Standard Time, UTC−4; Arabia Standard Time, UTC+3", "America/Halifax or Asia/Riyadh"),
        ["IST"] = ("India Standard Time, UTC+5:30; Israel Standard Time, UTC+2; Irish Standard Time, UTC+1", "Asia/Kolkata, Asia/Jerusalem or Europe/Dublin"),
        ["CST"] = ("Central Standard Time, UTC−6; China Standard Time, UTC+8; Cuba Standard Time, UTC−5", "America/Chicago or Asia/Shanghai"),
        ["BST"] = ("British Summer Time, UTC+1; Bangladesh Standard Time, UTC+6", "Europe/London or Asia/Dhaka"),
        ["GST"] = ("Gulf Standard Time, UTC+4; South Georgia Time, UTC−2", "Asia/Dubai"),
        ["SST"] = ("Samoa Standard Time, UTC−11; Singapore Standard Time, UTC+8", "Pacific/Pago_Pago or Asia/Singapore"),
        ["AMT"] = ("Amazon Time, UTC−4; Armenia Time, UTC+4", "America/Manaus or Asia/Yerevan"),
        ["ECT"] = ("Ecuador Time, UTC−5; Eastern Caribbean Time, UTC−4", "America/Guayaquil"),
    };

    /// <summary>What an abbreviation means: one offset, several zones, or (both null) nothing known.</summary>
    public static Meaning Find(string abbreviation) =>
        Unambiguous.TryGetValue(abbreviation, out var offset) ? new Meaning(offset, null)
        : Ambiguous.TryGetValue(abbreviation, out var many) ? new Meaning(null, many.Meanings)
        : new Meaning(null, null);

    /// <summary>IANA names a mapping could give for an ambiguous abbreviation.</summary>
    public static string Example(string abbreviation) => Ambiguous.TryGetValue(abbreviation, out var many) ? many.Example : "America/New_York";
}
