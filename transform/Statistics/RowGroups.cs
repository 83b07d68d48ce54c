namespace ResearchPipeline.Transform.Statistics;

/// <summary>
/// A frame's rows grouped by the values of some text columns, as one array of row numbers: the groups in the ordinal
/// order of those columns, and each group's rows in the ordinal order of a further column (the items a statistic
/// resamples). Built with two counting sorts over small whole-number codes: a computed model groups hundreds of
/// thousands of rows, and a dictionary of dictionaries per group cost more than the statistic.
/// </summary>
public sealed class RowGroups
{
    private readonly int[] _rows; // row numbers, group after group
    private readonly int[] _start; // group g's rows are _rows[_start[g] .. _start[g + 1]]

    private RowGroups(int[] rows, int[] start) => (_rows, _start) = (rows, start);

    public int Count => _start.Length - 1;

    /// <summary>Group <paramref name="g"/>'s row numbers, ordered by the item column.</summary>
    public ReadOnlySpan<int> this[int g] => _rows.AsSpan(_start[g], _start[g + 1] - _start[g]);

    /// <summary>A row of group <paramref name="g"/>, to read the values it was grouped by.</summary>
    public int FirstRow(int g) => _rows[_start[g]];

    /// <summary>Groups rows by <paramref name="keys"/> (ordered by them in that order), each group's rows ordered by <paramref name="item"/>.</summary>
    public static RowGroups By(IReadOnlyList<string[]> keys, string[] item)
    {
        var rows = item.Length;
        var (groupOf, groups) = Codes(keys[0]);
        foreach (var column in keys.Skip(1))
        {
            (groupOf, groups) = Pairs(groupOf, Codes(column).Code);
        }

        // The groups' order: their key values, column by column, read at a row of each.
        var first = new int[groups];
        Array.Fill(first, -1);
        for (var r = rows - 1; r >= 0; r--)
        {
            first[groupOf[r]] = r;
        }

        var order = Enumerable.Range(0, groups).ToArray();
        Array.Sort(order, (a, b) =>
        {
            foreach (var column in keys)
            {
                var c = string.CompareOrdinal(column[first[a]], column[first[b]]);
                if (c != 0)
                {
                    return c;
                }
            }

            return 0;
        });
        var rank = new int[groups];
        for (var i = 0; i < groups; i++)
        {
            rank[order[i]] = i;
        }

        var byItem = CountingSort(Enumerable.Range(0, rows).ToArray(), OrdinalRanks(item), out _);
        var sorted = CountingSort(byItem, Array.ConvertAll(groupOf, g => rank[g]), out var start);
        return new RowGroups(sorted, start);
    }

    /// <summary>Each row's value as a number, one per distinct value, and how many there are.</summary>
    private static (int[] Code, int Count) Codes(string[] column)
    {
        var codes = new int[column.Length];
        var distinct = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var r = 0; r < column.Length; r++)
        {
            if (!distinct.TryGetValue(column[r], out codes[r]))
            {
                distinct[column[r]] = codes[r] = distinct.Count;
            }
        }

        return (codes, distinct.Count);
    }

    /// <summary>A number per distinct pair of codes.</summary>
    private static (int[] Code, int Count) Pairs(int[] left, int[] right)
    {
        var codes = new int[left.Length];
        var distinct = new Dictionary<long, int>();
        for (var r = 0; r < left.Length; r++)
        {
            var pair = ((long)left[r] << 32) | (uint)right[r];
            if (!distinct.TryGetValue(pair, out codes[r]))
            {
                distinct[pair] = codes[r] = distinct.Count;
            }
        }

        return (codes, distinct.Count);
    }

    /// <summary>Each row's place among the column's distinct values in ordinal order.</summary>
    private static int[] OrdinalRanks(string[] column)
    {
        var (codes, count) = Codes(column);
        var valueOf = new string[count];
        for (var r = 0; r < column.Length; r++)
        {
            valueOf[codes[r]] = column[r];
        }

        var order = Enumerable.Range(0, count).ToArray();
        Array.Sort(order, (a, b) => string.CompareOrdinal(valueOf[a], valueOf[b]));
        var rank = new int[count];
        for (var i = 0; i < count; i++)
        {
            rank[order[i]] = i;
        }

        return Array.ConvertAll(codes, c => rank[c]);
    }

    /// <summary>
    /// <paramref name="rows"/> reordered by each row's <paramref name="key"/> (0 … n − 1), keeping their order within a
    /// key; <paramref name="start"/> gets where each key's rows begin (and, last, the end).
    /// </summary>
    private static int[] CountingSort(int[] rows, int[] key, out int[] start)
    {
        var keys = key.Length == 0 ? 0 : key.Max() + 1;
        start = new int[keys + 1];
        foreach (var k in key)
        {
            start[k + 1]++;
        }

        for (var k = 0; k < keys; k++)
        {
            start[k + 1] += start[k];
        }

        var next = start[..^1];
        var sorted = new int[rows.Length];
        foreach (var r in rows)
        {
            sorted[next[key[r]]++] = r;
        }

        return sorted;
    }
}
