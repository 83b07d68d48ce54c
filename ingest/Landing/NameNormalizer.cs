using System.Globalization;
using System.Text;

namespace ResearchPipeline.Ingest.Landing;

/// <summary>
/// Composes Latin letters written with combining marks (NFD: "e" + U+0301) into their precomposed form (NFC: "é"),
/// so that a name is one identity however a tool encoded it. The runtime runs in invariant globalization mode (no
/// ICU on a bare machine), where <see cref="string.Normalize()"/> leaves non-ASCII text as it is; the compositions are
/// the Unicode table's for Latin letters (latin-composition.txt, written by tools/make-latin-composition.py). Marks are
/// composed in the order written; other scripts pass through unchanged.
/// </summary>
public static class NameNormalizer
{
    private static readonly Dictionary<(char Base, char Mark), char> Compositions = Load();

    public static string ComposeLatin(string text)
    {
        if (!text.Any(c => c >= '\u0300' && c <= '\u036F'))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (result.Length > 0 && Compositions.TryGetValue((result[^1], c), out var composed))
            {
                result[^1] = composed;
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    private static Dictionary<(char, char), char> Load()
    {
        using var stream = typeof(NameNormalizer).Assembly.GetManifestResourceStream("latin-composition.txt")
            ?? throw new InvalidOperationException("latin-composition.txt is not embedded in the Ingest assembly");
        using var reader = new StreamReader(stream);
        var table = new Dictionary<(char, char), char>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split(' ');
            char C(int i) => (char)int.Parse(parts[i], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            table[(C(0), C(1))] = C(2);
        }

        return table;
    }
}
