namespace ResearchPipeline.Models.Frameworks;

public enum LevelParseOutcome
{
    Level,
    NotRated,
    Invalid,
}

/// <summary>The result of reading one level cell: a level, a blank ("not rated"), or why it is not a level.</summary>
public readonly record struct LevelParse(LevelParseOutcome Outcome, int Value, string? Error)
{
    public static LevelParse Of(int value) => new(LevelParseOutcome.Level, value, null);

    public static LevelParse Blank { get; } = new(LevelParseOutcome.NotRated, 0, null);

    public static LevelParse Fail(string error) => new(LevelParseOutcome.Invalid, 0, error);
}
