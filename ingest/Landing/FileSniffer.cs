using System.Text;
using ResearchPipeline.Models;

namespace ResearchPipeline.Ingest.Landing;

/// <summary>
/// What a file really is, from its first bytes, whatever its name says: a file that is not what its extension
/// promises is refused with a message that names both (a workbook saved as .csv, a CSV renamed .xlsx, a sign-in page
/// downloaded instead of an export, a password-protected workbook).
/// </summary>
public static class FileSniffer
{
    public enum Content
    {
        Text,
        Zip,
        CompoundFile,
        EncryptedWorkbook,
        Pdf,
        Html,
        Binary,
    }

    private static readonly byte[] CompoundFileSignature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private static readonly byte[] EncryptedPackageName = Encoding.Unicode.GetBytes("EncryptedPackage");

    public static Content Detect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("PK\u0003\u0004"u8) || bytes.StartsWith("PK\u0005\u0006"u8))
        {
            return Content.Zip;
        }

        if (bytes.StartsWith(CompoundFileSignature))
        {
            // Excel's "Encrypt with Password" wraps the workbook in a compound file holding EncryptedPackage.
            return bytes.IndexOf(EncryptedPackageName) >= 0 ? Content.EncryptedWorkbook : Content.CompoundFile;
        }

        if (bytes.StartsWith("%PDF"u8))
        {
            return Content.Pdf;
        }

        var head = Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 512)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n').ToLowerInvariant();
        if (head.StartsWith("<!doctype html", StringComparison.Ordinal) || head.StartsWith("<html", StringComparison.Ordinal))
        {
            return Content.Html;
        }

        // Text has no NULs (UTF-16 does, after its byte-order mark); a stray NUL in a cell is cleaned later, but a first
        // kilobyte one-tenth NULs is binary content or UTF-16 without its byte-order mark.
        var sample = bytes[..Math.Min(bytes.Length, 1024)];
        var isUtf16 = sample.StartsWith(new byte[] { 0xFF, 0xFE }) || sample.StartsWith(new byte[] { 0xFE, 0xFF });
        return !isUtf16 && sample.Count((byte)0) * 10 > sample.Length ? Content.Binary : Content.Text;
    }

    /// <summary>Refuses a file whose content is not what its extension says (or that nothing here can read).</summary>
    public static void EnsureMatches(string fileName, ReadOnlySpan<byte> bytes, string extension)
    {
        var content = Detect(bytes);
        var isWorkbookName = extension is ".xlsx" or ".xlsm" or ".xls";
        var problem = content switch
        {
            Content.EncryptedWorkbook =>
                "the workbook is protected with a password (encrypted), so it cannot be read. Open it in Excel, clear the password " +
                "(File › Info › Protect Workbook › Encrypt with Password), save, and ingest it again",
            Content.Pdf => "this is a PDF document, not a spreadsheet or CSV export: export the data itself (CSV or .xlsx) and ingest that",
            Content.Html => "this is a web page (HTML), not an export: the download probably returned a sign-in or error page; download the export again",
            Content.Zip when !isWorkbookName =>
                $"this is an Excel workbook (.xlsx, a zip file) though its name ends in \"{extension}\": rename it to .xlsx and ingest it again",
            Content.CompoundFile when !isWorkbookName =>
                $"this is an Excel 97–2003 workbook (.xls) though its name ends in \"{extension}\": rename it to .xls, or save it as .xlsx, and ingest it again",
            Content.Text when isWorkbookName =>
                $"this is a text file (CSV?) though its name ends in \"{extension}\": rename it to .csv and ingest it again",
            Content.Binary => $"this is not a text file or a workbook (binary content, or UTF-16 text without its byte-order mark) though its name ends in \"{extension}\"",
            _ => null,
        };
        if (problem is not null)
        {
            throw new PipelineInputException($"{fileName}: {problem}. Nothing was loaded.");
        }
    }
}
