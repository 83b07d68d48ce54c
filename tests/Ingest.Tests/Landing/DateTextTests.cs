using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Ingest.Surveys;
using ResearchPipeline.Models;

namespace ResearchPipeline.Ingest.Tests.Landing;

/// <summary>Times as the Google Forms and Sheets downloads write them worldwide, with and without a mapping's time_zone:.</summary>
public sealed class DateTextTests
{
    [Theory]
    [InlineData("2022/06/22 11:07:29 AM AEST", null, "2022-06-22 01:07:29")]
    [InlineData("2022/06/22 11:07:29 AM CEST", null, "2022-06-22 09:07:29")]
    [InlineData("2022/06/22 11:07:29 PM HKT", null, "2022-06-22 15:07:29")]
    [InlineData("2022/06/22 11:07:29 AM NZST", null, "2022-06-21 23:07:29")]
    [InlineData("2022/06/22 11:07:29 AM EDT", null, "2022-06-22 15:07:29")]
    [InlineData("2022/06/22 11:07:29 AM GMT+5:30", null, "2022-06-22 05:37:29")]
    [InlineData("2022/06/22 11:07:29 AM GMT-4", null, "2022-06-22 15:07:29")]
    [InlineData("2022/06/22 11:07:29 +0530", null, "2022-06-22 05:37:29")]
    [InlineData("2022-06-22T11:07:29+02:00", null, "2022-06-22 09:07:29")]
    [InlineData("2022/06/22 11:07:29 AM", null, "2022-06-22 11:07:29")] // no zone, no time_zone: UTC
    [InlineData("2022/01/22 11:07:29 AM AST", "America/Halifax", "2022-01-22 15:07:29")] // ambiguous: the mapping's zone decides
    [InlineData("2022/06/22 11:07:29 AM AST", "Asia/Riyadh", "2022-06-22 08:07:29")]
    [InlineData("2022/06/22 11:07:29 AM", "America/New_York", "2022-06-22 15:07:29")] // summer: EDT
    [InlineData("2022/01/22 11:07:29 AM", "America/New_York", "2022-01-22 16:07:29")] // winter: EST
    [InlineData("2022/06/22 11:07:29 AM AEST", "America/New_York", "2022-06-22 01:07:29")] // a known abbreviation keeps its own offset
    public void Read_ZonesPeopleAndToolsWrite_UtcTime(string text, string? zone, string utc)
    {
        var parsed = DateText.Read(text, zone is null ? null : TimeZoneInfo.FindSystemTimeZoneById(zone));
        Assert.Null(parsed.Problem);
        Assert.Equal(utc, parsed.Value!.Value.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2022/06/22 11:07:29 AM AST", "the time zone \"AST\" means more than one zone (Atlantic Standard Time, UTC−4; Arabia Standard Time, UTC+3); say which with time_zone: in the mapping (an IANA name such as America/Halifax or Asia/Riyadh)")]
    [InlineData("2022/06/22 11:07:29 AM IST", "the time zone \"IST\" means more than one zone (India Standard Time, UTC+5:30;")]
    [InlineData("2022/06/22 11:07:29 AM XYZT", "the time zone \"XYZT\" is not one we know; say time_zone: in the mapping")]
    [InlineData("2022/06/22 11:07:29 GMT+19", "\"GMT+19\" is not a UTC offset")]
    [InlineData("31.04.2021", "\"31.04.2021\" is not a date (expected YYYY-MM-DD")]
    [InlineData("2022/13/45 11:07:29 AM EST", "is not a date")] // the date is the problem, not the zone
    public void Read_ZoneOrDateWrong_SaysWhichIsTheProblem(string text, string message)
    {
        var parsed = DateText.Read(text, null);
        Assert.Null(parsed.Value);
        Assert.Contains(message, parsed.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void MappingTimeZone_Misspelt_RefusedWithTheKeyAndAnExample()
    {
        var path = Path.Combine(Path.GetTempPath(), "rp-tz-" + Guid.NewGuid().ToString("N")[..8] + ".mapping.yaml");
        File.WriteAllText(path, "format: googleforms\nnetwork: ilead\nframework: ilead-dp-2018\nwave: \"2021\"\ncolumns:\n  unit: P\n  role: R\n  rater: E\n" +
                                "dimensions: by-question-text\ntime_zone: America/Halfax\n");
        try
        {
            var refusal = Assert.Throws<PipelineInputException>(() => SurveyMappingLoader.Load(path));
            Assert.Contains("line 10, time_zone: \"America/Halfax\" is not a time zone: give an IANA name such as America/New_York", refusal.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
