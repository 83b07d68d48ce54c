using System.Text;

namespace ResearchPipeline.Jobs.Benchmark;

/// <summary>
/// The benchmark's variants of the scale file, written by streaming it line by line: the same file with a share of
/// its rows naming a wave that was never loaded (bad rows, as a file sent before its waves), and one partnership's
/// resubmission of a middle wave with changed stages. Fields are cut at their commas: the columns changed (wave,
/// level) come before the one field that may be quoted (the comment).
/// </summary>
internal static class BenchmarkFiles
{
    /// <summary>Copies <paramref name="source"/>, naming wave 2099 (not a wave) on every <paramref name="everyNth"/>-th data row.</summary>
    public static string BadRows(string source, string target, int everyNth)
    {
        var row = 0;
        Rewrite(source, target, line =>
        {
            if (++row % everyNth != 0)
            {
                return line;
            }

            var (start, end) = Field(line, 2);
            return string.Concat(line.AsSpan(0, start), "2099", line.AsSpan(end));
        });
        return target;
    }

    /// <summary>The rows of the first partnership in a middle wave of its own, each stage moved by one: (file, unit, wave, rows).</summary>
    public static (string File, string Unit, string Wave, long Rows) Resubmission(string source, string target)
    {
        string? unit = null;
        var waves = new List<string>();
        foreach (var line in DataLines(source))
        {
            var fields = line.Split(',', 5);
            unit ??= fields[3];
            if (fields[3] == unit && !waves.Contains(fields[2]))
            {
                waves.Add(fields[2]);
            }
        }

        var wave = waves[waves.Count / 2];
        long rows = 0;
        Rewrite(source, target, line =>
        {
            var fields = line.Split(',', 5);
            if (fields[3] != unit || fields[2] != wave)
            {
                return null;
            }

            var (start, end) = Field(line, 7);
            var level = line[start..end];
            var moved = int.TryParse(level, out var value) ? (value % 4 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : level;
            rows++;
            return string.Concat(line.AsSpan(0, start), moved, line.AsSpan(end));
        });
        return (target, unit!, wave, rows);
    }

    private static bool IsData(string line) => !line.StartsWith('#') && !line.StartsWith("network,", StringComparison.Ordinal);

    private static IEnumerable<string> DataLines(string source) => File.ReadLines(source).Where(IsData);

    /// <summary>Copies the notes and header as they are and each data line as <paramref name="data"/> makes it (null: left out).</summary>
    private static void Rewrite(string source, string target, Func<string, string?> data)
    {
        using var writer = new StreamWriter(target, false, new UTF8Encoding(false));
        foreach (var line in File.ReadLines(source))
        {
            if ((IsData(line) ? data(line) : line) is { } written)
            {
                writer.Write(written + "\n");
            }
        }
    }

    /// <summary>Where the <paramref name="index"/>-th (0-based) comma-separated field of a line starts and ends.</summary>
    private static (int Start, int End) Field(string line, int index)
    {
        var start = 0;
        for (var i = 0; i < index; i++)
        {
            start = line.IndexOf(',', start) + 1;
        }

        var end = line.IndexOf(',', start);
        return (start, end < 0 ? line.Length : end);
    }
}
