using ResearchPipeline.Models.Frameworks;

namespace ResearchPipeline.Models.Tests.Frameworks;

/// <summary>
/// Property tests with seeded random inputs (deterministic): every way of writing a level of every built-in framework
/// reads back as that level; random text never throws, and is a level only when it names one.
/// </summary>
public sealed class LevelNormalizerPropertyTests
{
    private const int Cases = 3000;

    public static TheoryData<string> Frameworks => new(ReferenceData.BuiltInFrameworks().Select(f => f.FrameworkId));

    [Theory]
    [MemberData(nameof(Frameworks))]
    public void Parse_AnyWrittenFormOfALevel_RoundTrips(string frameworkId)
    {
        var framework = ReferenceData.BuiltInFrameworks().Single(f => f.FrameworkId == frameworkId);
        var normalizer = new LevelNormalizer(framework);
        var random = new Random(20261122);
        for (var i = 0; i < Cases; i++)
        {
            var level = framework.Levels[random.Next(framework.Levels.Count)];
            var form = random.Next(6) switch
            {
                0 => level.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                1 => $"{framework.LevelTerm} {level.Value}",
                2 => level.Label,
                3 => $"{level.Value} - {level.Label}",
                4 => $"{level.Value}. {level.Label}",
                _ => $"{level.Value}.0",
            };
            var written = Decorate(form, random);
            var parsed = normalizer.Parse(written);
            Assert.True(parsed.Outcome == LevelParseOutcome.Level && parsed.Value == level.Value, $"\"{written}\" read as {parsed}");
        }
    }

    [Theory]
    [MemberData(nameof(Frameworks))]
    public void Parse_RandomText_NeverThrowsAndIsALevelOnlyWhenItNamesOne(string frameworkId)
    {
        var framework = ReferenceData.BuiltInFrameworks().Single(f => f.FrameworkId == frameworkId);
        var normalizer = new LevelNormalizer(framework);
        var random = new Random(7);
        for (var i = 0; i < Cases; i++)
        {
            var text = ResearchPipeline.TestSupport.RandomText.Garbage(random);
            var parsed = normalizer.Parse(text);
            switch (parsed.Outcome)
            {
                case LevelParseOutcome.Level:
                    Assert.Contains(framework.Levels, l => l.Value == parsed.Value);
                    Assert.True(text.Trim().Length > 0);
                    break;
                case LevelParseOutcome.Invalid:
                    Assert.False(string.IsNullOrWhiteSpace(parsed.Error));
                    break;
                default:
                    // Surrounding quotes are not part of a level ("'2" as a spreadsheet writes text): only blanks and quotes read as not rated.
                    Assert.True(text.All(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '\u201C' or '\u201D'), $"\"{text}\" read as not rated");
                    break;
            }
        }
    }

    private static string Decorate(string form, Random random)
    {
        var s = random.Next(3) switch { 0 => form.ToUpperInvariant(), 1 => form.ToLowerInvariant(), _ => form };
        return new string(' ', random.Next(3)) + s.Replace(" ", new string(' ', 1 + random.Next(2)), StringComparison.Ordinal) + new string(' ', random.Next(3));
    }
}
