using System.Text;
using ResearchPipeline.Models;

namespace ResearchPipeline.Ingest.Landing;

/// <summary>How a text file's bytes become text (strictly: a Latin-1 file is refused, not garbled), and its first header row.</summary>
public static class TextDecoding
{
    /// <summary>
    /// The most fields a record may have: Excel's column limit (16,384); no rubric export comes near it, and a file of a
    /// million columns would hold the writer lock for many minutes.
    /// </summary>
    public const int MaxFields = 16_384;

    /// <summary>
    /// The file's text; byte-order marks are dropped wherever they are (two exports joined with cat leave one mid-file).
    /// A file with a record of more than <see cref="MaxFields"/> fields is refused here, before any reader sees it.
    /// </summary>
    public static string Decode(string fileName, byte[] bytes)
    {
        var text = DecodeText(fileName, bytes);
        text = text.Contains('\uFEFF', StringComparison.Ordinal) ? text.Replace("\uFEFF", "", StringComparison.Ordinal) : text;
        // Counted with the separator the readers will split on (one pass; the file's first line says which).
        if (RecordCount.MaxFields(text, RecordCount.SeparatorOf(text)) is var (fields, row) && fields > MaxFields)
        {
            throw new PipelineInputException($"{fileName} row {row}: {fields:N0} fields, more than the {MaxFields:N0} columns a spreadsheet holds; not a rating file? Nothing was loaded.");
        }

        return text;
    }

    /// <summary>The first row that is not a # comment, split on commas, trimmed and lower-cased.</summary>
    public static List<string> FirstHeader(string text)
    {
        using var reader = new StringReader(text);
        string? line;
        while ((line = reader.ReadLine()) is not null && line.StartsWith('#'))
        {
        }

        return (line ?? "").Split(',').Select(h => h.Trim().Trim('"').ToLowerInvariant()).ToList();
    }

    private static string DecodeText(string fileName, byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith(Encoding.Unicode.Preamble))
        {
            return new UnicodeEncoding(bigEndian: false, byteOrderMark: true, throwOnInvalidBytes: true).GetString(bytes, 2, bytes.Length - 2);
        }

        if (bytes.AsSpan().StartsWith(Encoding.BigEndianUnicode.Preamble))
        {
            return new UnicodeEncoding(bigEndian: true, byteOrderMark: true, throwOnInvalidBytes: true).GetString(bytes, 2, bytes.Length - 2);
        }

        try
        {
            // BOM-aware (UTF-8, and UTF-16 as Qualtrics writes TSV); strict so that a Latin-1 file is refused rather than silently garbled.
            var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
            var offset = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? 3 : 0;
            return encoding.GetString(bytes, offset, bytes.Length - offset);
        }
        catch (DecoderFallbackException ex)
        {
            throw new PipelineInputException($"{fileName}: the file is not UTF-8 ({Where(bytes, ex.Index + (bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? 3 : 0))}); " +
                                             "save it as UTF-8 CSV (in Excel: CSV UTF-8) and ingest again.", ex);
        }
    }

    /// <summary>Where a byte is, as a spreadsheet shows it: row N, column "header" (or column N), and the byte offset.</summary>
    private static string Where(byte[] bytes, int index)
    {
        var at = Math.Clamp(index, 0, bytes.Length);
        var before = bytes.AsSpan(0, at);
        var row = before.Count((byte)'\n') + 1;
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var separator = (byte)RecordCount.SeparatorOf(Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 4096)));
        var column = bytes.AsSpan(lineStart, at - lineStart).Count(separator);
        // The header: the first line that is not a # note.
        var lines = Encoding.UTF8.GetString(bytes, 0, lineStart).TrimStart('\uFEFF').Split('\n');
        var headerIndex = Array.FindIndex(lines, l => !l.StartsWith('#'));
        var header = headerIndex >= 0 && headerIndex < row - 1 ? lines[headerIndex].TrimEnd('\r').Split((char)separator) : [];
        var name = column < header.Length && header[column].Trim().Trim('"') is { Length: > 0 and <= 60 } h && !h.Contains('\uFFFD') ? $"\"{h}\"" : (column + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"row {row}, column {name}: byte {index} cannot be read";
    }
}
