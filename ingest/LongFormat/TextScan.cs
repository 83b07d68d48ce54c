using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace ResearchPipeline.Ingest.LongFormat;

/// <summary>
/// One streamed pass over a text file: its SHA-256, its line count and line ending, and whether it is plain:
/// strict UTF-8, no byte-order mark after the start, no control characters (other than tab and line breaks), one kind of
/// line ending. A plain long-format file can be read by DuckDB's CSV reader exactly as the row-by-row reader reads it.
/// Memory is one buffer, whatever the file's size.
/// </summary>
public sealed record TextScan(string Sha256, long Lines, string? NotPlainBecause)
{
    private const int BufferSize = 1 << 20;

    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

    /// <summary>C0 controls other than tab, LF and CR, and DEL (C1 controls are C2 80–C2 9F in UTF-8, checked apart).</summary>
    private static readonly SearchValues<byte> Controls = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(b => b is not '\t' and not '\n' and not '\r').Select(b => (byte)b), 0x7F]);

    public bool IsPlain => NotPlainBecause is null;

    public static TextScan Of(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
        const int carry = 2; // the window keeps the last two bytes of the previous chunk, so a mark or pair split between chunks is seen
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize + carry);
        try
        {
            string? why = null;
            long length = 0, lf = 0, cr = 0, crlf = 0;
            var kept = 0;
            int read;
            while ((read = stream.Read(buffer, carry, BufferSize)) > 0)
            {
                var fresh = buffer.AsSpan(carry, read);
                hash.AppendData(fresh);
                var window = buffer.AsSpan(carry - kept, kept + read);
                if (why is null)
                {
                    try
                    {
                        decoder.GetCharCount(fresh, flush: false);
                    }
                    catch (DecoderFallbackException)
                    {
                        why = "not UTF-8";
                    }

                    var body = length == 0 && fresh.StartsWith(ByteOrderMark) ? window[3..] : window;
                    if (why is null && body.IndexOf(ByteOrderMark) >= 0)
                    {
                        why = "a byte-order mark after the start";
                    }

                    if (why is null && (window.IndexOfAny(Controls) >= 0 || HasC1Control(window)))
                    {
                        why = "control characters";
                    }

                    lf += fresh.Count((byte)'\n');
                    cr += fresh.Count((byte)'\r');
                    crlf += fresh.Count("\r\n"u8) + (kept > 0 && window[kept - 1] == '\r' && fresh[0] == '\n' ? 1 : 0);
                }

                length += read;
                kept = Math.Min(carry, (int)Math.Min(length, carry));
                buffer.AsSpan(carry + read - kept, kept).CopyTo(buffer.AsSpan(carry - kept));
            }

            if (why is null)
            {
                try
                {
                    decoder.GetCharCount([], flush: true);
                }
                catch (DecoderFallbackException)
                {
                    why = "not UTF-8";
                }
            }

            if (why is null && cr > 0 && (cr != crlf || crlf != lf))
            {
                why = "mixed line endings";
            }

            // The last line counts whether or not it ends in a line break.
            stream.Position = Math.Max(0, length - 1);
            var endsWithBreak = length > 0 && stream.ReadByte() == '\n';
            var lines = lf + (length > 0 && !endsWithBreak ? 1 : 0);
            return new TextScan(Convert.ToHexStringLower(hash.GetHashAndReset()), lines, why);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool HasC1Control(ReadOnlySpan<byte> window)
    {
        var at = 0;
        int found;
        while ((found = window[at..].IndexOf((byte)0xC2)) >= 0)
        {
            var next = at + found + 1;
            if (next < window.Length && window[next] is >= 0x80 and < 0xA0)
            {
                return true;
            }

            at = next;
        }

        return false;
    }
}
