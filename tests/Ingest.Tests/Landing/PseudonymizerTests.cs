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

    [Fact]
    public void Pseudonymize_NameComposedOrDecomposed_SamePseudonym()
    {
        var p = new Pseudonymizer("key-one-0123456789abcdef"u8.ToArray());
        const string Composed = "Jos\u00e9 Mu\u00f1oz"; // é and ñ as one character each (NFC), as most keyboards type them
        const string Decomposed = "Jose\u0301 Mun\u0303oz"; // e + combining acute, n + combining tilde (NFD), as macOS file names and some exports write them
        Assert.NotEqual(Composed, Decomposed);
        Assert.Equal(p.Pseudonymize(Composed), p.Pseudonymize(Decomposed));
    }

    [Fact]
    public void Fingerprint_NamesTheKeyWithoutRevealingIt()
    {
        var one = new Pseudonymizer("key-one-0123456789abcdef"u8.ToArray());
        Assert.Equal(one.Fingerprint, new Pseudonymizer("key-one-0123456789abcdef"u8.ToArray()).Fingerprint);
        Assert.NotEqual(one.Fingerprint, new Pseudonymizer("key-two-0123456789abcdef"u8.ToArray()).Fingerprint);
        Assert.DoesNotContain("6b65792d6f6e65", one.Fingerprint, StringComparison.Ordinal); // "key-one" in hex
    }

    [GeneratedRegex("^r_[0-9a-f]{16}$")]
    private static partial Regex Shape();
}
