namespace ResearchPipeline.Ingest.Landing;

/// <summary>
/// Counts the records of a delimited text file with a few lines of its own (RFC 4180 quoting: a quote opens a field only
/// at its start, two quotes inside one are a quote), sharing nothing with the CSV reader. Ingest compares this count
/// with what the reader read: a record the reader lost or merged refuses the file instead of vanishing. A quote that is
/// never closed is counted as a plain character, so lines it would swallow up to the end of the file still count.
/// </summary>
public static class RecordCount
{
    /// <summary>A file's separator as its first line shows it: tab when it has more tabs than commas (Qualtrics TSV), else comma.</summary>
    public static char SeparatorOf(string text)
    {
        var firstLine = text.AsSpan(0, text.IndexOf('\n') is var nl and >= 0 ? nl : text.Length);
        return firstLine.Count('\t') > firstLine.Count(',') ? '\t' : ',';
    }

    /// <summary>The records that hold anything but separators, spaces and empty quotes.</summary>
    public static long NonBlank(string text, char separator)
    {
        var literal = new HashSet<int>();
        while (true)
        {
            var (count, unclosedAt) = Scan(text, separator, literal);
            if (unclosedAt < 0 || !literal.Add(unclosedAt))
            {
                return count;
            }
        }
    }

    private static (long Count, int UnclosedAt) Scan(string text, char separator, HashSet<int> literal)
    {
        long count = 0;
        var openedAt = -1;
        var atFieldStart = true;
        var hasContent = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (openedAt >= 0)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        i++;
                        hasContent = true;
                    }
                    else
                    {
                        openedAt = -1;
                    }
                }
                else if (!char.IsWhiteSpace(c))
                {
                    hasContent = true;
                }

                continue;
            }

            if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                count += hasContent ? 1 : 0;
                hasContent = false;
                atFieldStart = true;
                continue;
            }

            if (c == separator)
            {
                atFieldStart = true;
                continue;
            }

            if (c == '"' && atFieldStart && !literal.Contains(i))
            {
                openedAt = i;
                atFieldStart = false;
                continue;
            }

            atFieldStart = false;
            hasContent |= !char.IsWhiteSpace(c) && c != '\uFEFF';
        }

        return (count + (hasContent ? 1 : 0), openedAt);
    }

    /// <summary>The most fields any record has (quotes as in <see cref="NonBlank"/>), and the first record (1-based) that has them.</summary>
    public static (int Fields, long Row) MaxFields(string text, char separator)
    {
        int most = 0, fields = 1;
        long row = 1, at = 1;
        var inQuotes = false;
        var atFieldStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }

                continue;
            }

            if (c == separator)
            {
                fields++;
                atFieldStart = true;
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                (most, at) = fields > most ? (fields, row) : (most, at);
                fields = 1;
                row++;
                atFieldStart = true;
            }
            else
            {
                inQuotes = c == '"' && atFieldStart;
                atFieldStart = false;
            }
        }

        return fields > most ? (fields, row) : (most, at);
    }
}
