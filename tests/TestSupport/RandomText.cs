using System.Text;

namespace ResearchPipeline.TestSupport;

/// <summary>Seeded random text for property tests: letters, digits, punctuation, quotes, line breaks, control characters, other scripts.</summary>
public static class RandomText
{
    private const string Alphabet = "0123456789 .-,;:\"'()[]{}<>=+@#%&/\\\t\r\nabcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéüß中文\u0000\u001b\u200b";

    public static string Garbage(Random random, int maxLength = 40)
    {
        var sb = new StringBuilder();
        var length = random.Next(0, maxLength);
        for (var i = 0; i < length; i++)
        {
            sb.Append(Alphabet[random.Next(Alphabet.Length)]);
        }

        return sb.ToString();
    }
}
