using System.Buffers.Binary;
using System.Text;

namespace ResearchPipeline.Reports.Paper;

/// <summary>
/// Writes a PNG's pixel density (its pHYs chunk, PNG specification 11.3.5.3) so that a journal's tools read a 300 dpi
/// figure as 300 dpi, not as 72 or 96.
/// </summary>
internal static class PngDensity
{
    private static readonly uint[] Crc = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }

        return c;
    }).ToArray();

    /// <summary>The PNG with a pHYs chunk of <paramref name="dpi"/> right after its header; any earlier one removed.</summary>
    public static byte[] Set(byte[] png, double dpi)
    {
        const int signature = 8;
        if (png.Length < signature + 25 || Encoding.ASCII.GetString(png, signature + 4, 4) != "IHDR")
        {
            throw new InvalidOperationException("Not a PNG: its header chunk is not where the PNG specification puts it.");
        }

        var chunks = new List<byte[]>();
        for (var at = signature; at < png.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
            var size = 12 + length;
            if (Encoding.ASCII.GetString(png, at + 4, 4) != "pHYs")
            {
                chunks.Add(png[at..(at + size)]);
            }

            at += size;
        }

        var perMetre = (uint)Math.Round(dpi / 0.0254);
        var data = new byte[13];
        Encoding.ASCII.GetBytes("pHYs").CopyTo(data, 0);
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(4), perMetre);
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(8), perMetre);
        data[12] = 1; // the unit is the metre
        var chunk = new byte[4 + data.Length + 4];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, 9);
        data.CopyTo(chunk, 4);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(4 + data.Length), Checksum(data));
        chunks.Insert(1, chunk);
        return [.. png[..signature], .. chunks.SelectMany(c => c)];
    }

    /// <summary>The dots per inch a PNG's pHYs chunk states, or null when it states none.</summary>
    public static double? Read(byte[] png)
    {
        for (var at = 8; at + 12 <= png.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
            if (Encoding.ASCII.GetString(png, at + 4, 4) == "pHYs" && png[at + 16] == 1)
            {
                return BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8)) * 0.0254;
            }

            at += 12 + length;
        }

        return null;
    }

    private static uint Checksum(byte[] bytes)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            c = Crc[(c ^ b) & 0xFF] ^ (c >> 8);
        }

        return c ^ 0xFFFFFFFFu;
    }
}
