using System.Text.RegularExpressions;
using ResearchPipeline.Ingest.Landing;

namespace ResearchPipeline.Ingest.Tests.Landing;

public sealed partial class PseudonymizerTests
{
    [Fact]
    public void Pseudonymize_SamePersonSameKey_SamePseudonymAcrossRunsAndSpellings()
    {
        var key = "key-one-0123456789abcdef"u8.ToArray();
        var first = new Pseudonymizer(key).Pseudonymize("Ann.Smith@UVA.edu");
        var second = new Pseudonymizer(key.ToArray()).Pseudonymize("  ann.smith@uva.edu ");
        Assert.Equal(first, second);
        Assert.Matches(Shape(), first);
        Assert.DoesNotContain("ann", first, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Pseudonymize_AnotherKeyOrAnotherPerson_DifferentPseudonym()
    {
        var one = new Pseudonymizer("key-one-0123456789abcdef"u8.ToArray());
        var two = new Pseudonymizer("key-two-0123456789abcdef"u8.ToArray());
        Assert.NotEqual(one.Pseudonymize("ann@uva.edu"), two.Pseudonymize("ann@uva.edu"));
        Assert.NotEqual(one.Pseudonymize("ann@uva.edu"), one.Pseudonymize("bo@uva.edu"));
    }

    [GeneratedRegex("^r_[0-9a-f]{16}$")]
    private static partial Regex Shape();
}
