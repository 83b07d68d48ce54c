using ResearchPipeline.Models;
using ResearchPipeline.Models.Frameworks;

namespace ResearchPipeline.Models.Tests.Frameworks;

public sealed class LevelNormalizerTests
{
    private static readonly LevelNormalizer Ilead = new(ReferenceData.BuiltInFrameworks().Single(f => f.FrameworkId == "ilead-dp-2018"));
    private static readonly LevelNormalizer Txnsi = new(ReferenceData.BuiltInFrameworks().Single(f => f.FrameworkId == "txnsi-ic-2022"));

    [Theory]
    [InlineData("2", 2)]
    [InlineData(" 2 ", 2)]
    [InlineData("2.0", 2)]
    [InlineData("Stage 2", 2)]
    [InlineData("stage 4", 4)]
    [InlineData("Small change implementation", 2)]
    [InlineData("small change  implementation", 2)]
    [InlineData("2 - Small change implementation", 2)]
    [InlineData("3. Integrating IS/NIC into the core work", 3)]
    [InlineData("“Exploring change ideas”", 1)]
    public void Parse_IleadForms_Normalize(string raw, int expected)
    {
        var parsed = Ilead.Parse(raw);
        Assert.Equal(LevelParseOutcome.Level, parsed.Outcome);
        Assert.Equal(expected, parsed.Value);
    }

    // Forms people write that were quarantined before: the number and the label in any order and wrapping.
    [Theory]
    [InlineData("Stage 2 (Small change implementation)", 2)]
    [InlineData("(2) Small change implementation", 2)]
    [InlineData("Small change implementation (2)", 2)]
    [InlineData("[3] Integrating IS/NIC into the core work", 3)]
    [InlineData("‘Small change implementation’", 2)]
    [InlineData("'2 – Small change implementation'", 2)]
    [InlineData("«Exploring change ideas»", 1)]
    [InlineData("Stage 2: Small change implementation", 2)]
    public void Parse_NumberAndLabelInAnyOrderOrWrapping_Normalize(string raw, int expected)
    {
        var parsed = Ilead.Parse(raw);
        Assert.True(parsed.Outcome == LevelParseOutcome.Level, parsed.Error);
        Assert.Equal(expected, parsed.Value);
    }

    [Theory]
    [InlineData("1 (Ideal)", 1)]
    [InlineData("(5) Entry", 5)]
    [InlineData("Entry (5)", 5)]
    public void Parse_TxnsiNumberAndLabel_Normalize(string raw, int expected) => Assert.Equal(expected, Txnsi.Parse(raw).Value);

    [Theory]
    [InlineData("Level 1 (Ideal)", 1)]
    [InlineData("Ideal", 1)]
    [InlineData("Level 5 (Entry)", 5)]
    [InlineData("Entry", 5)]
    [InlineData("Level 3", 3)]
    [InlineData("4", 4)]
    public void Parse_TxnsiForms_Normalize(string raw, int expected) => Assert.Equal(expected, Txnsi.Parse(raw).Value);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_Blank_IsNotRated(string raw) => Assert.Equal(LevelParseOutcome.NotRated, Ilead.Parse(raw).Outcome);

    [Theory]
    [InlineData("Stage 5", "\"Stage 5\" is not a stage of ilead-dp-2018 (expected 1–4 or a stage name)")]
    [InlineData("2.5", "\"2.5\" is not a stage of ilead-dp-2018 (expected 1–4 or a stage name)")]
    [InlineData("banana", "\"banana\" is not a stage of ilead-dp-2018 (expected 1–4 or a stage name)")]
    [InlineData("2 - Exploring change ideas", "\"2 - Exploring change ideas\" names stage 2 but the label of stage 1")]
    [InlineData("Stage 2 (Exploring change ideas)", "\"Stage 2 (Exploring change ideas)\" names stage 2 but the label of stage 1")]
    [InlineData("(3) Small change implementation", "\"(3) Small change implementation\" names stage 3 but the label of stage 2")]
    [InlineData("-1", "\"-1\" is not a stage of ilead-dp-2018 (expected 1–4 or a stage name)")]
    [InlineData("Stage 2 (bananas)", "\"Stage 2 (bananas)\" is not a stage of ilead-dp-2018 (expected 1–4 or a stage name)")]
    public void Parse_Garbage_FailsWithMessage(string raw, string message)
    {
        var parsed = Ilead.Parse(raw);
        Assert.Equal(LevelParseOutcome.Invalid, parsed.Outcome);
        Assert.Equal(message, parsed.Error);
    }
}
