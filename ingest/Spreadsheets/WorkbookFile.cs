using System.Globalization;
using System.Text;
using System.Xml.Linq;
using ExcelDataReader;
using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Models;

namespace ResearchPipeline.Ingest.Spreadsheets;

/// <summary>
/// Reads every sheet of an .xlsx (or .xls) workbook with ExcelDataReader into text cells: numbers as typed
/// ("2", "2.5"), Excel dates as ISO dates, text trimmed. A file that is not a readable workbook (corrupted, password
/// protected, another format behind the extension) is refused as a whole.
/// </summary>
public static partial class WorkbookFile
{
    static WorkbookFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The most a workbook may unzip to: a 6 MB "zip bomb" workbook unzips to gigabytes and runs the reader out of memory.</summary>
    public const long MaxUnzippedBytes = 256L << 20;

    /// <summary>The most cells a workbook's sheets may hold together (a partnership workbook holds a few thousand).</summary>
    public const long MaxCells = 5_000_000;

    public static List<Sheet> Read(string fileName, byte[] bytes)
    {
        var sheets = new List<Sheet>();
        EnsureUnzipsWithinBounds(fileName, bytes);
        long cells = 0;
        try
        {
            var errors = ErrorCells(bytes);
            using var stream = new MemoryStream(bytes, writable: false);
            using var reader = ExcelReaderFactory.CreateReader(stream);
            do
            {
                var rows = new List<string[]>();
                var sheetErrors = errors.GetValueOrDefault(reader.Name);
                while (reader.Read())
                {
                    if ((cells += reader.FieldCount) > MaxCells)
                    {
                        throw new PipelineInputException($"{fileName}: the workbook holds more than {MaxCells:N0} cells (sheet \"{reader.Name}\" row {rows.Count + 1}); not a rating workbook? Nothing was loaded.");
                    }

                    var cellTexts = new string[reader.FieldCount];
                    for (var i = 0; i < cellTexts.Length; i++)
                    {
                        cellTexts[i] = Text(reader.GetValue(i));
                        if (cellTexts[i].Length == 0 && sheetErrors?.GetValueOrDefault((rows.Count + 1, i)) is { } error)
                        {
                            cellTexts[i] = error; // "#REF!": the reader gives error cells as empty, but they are not "not rated"
                        }
                    }

                    rows.Add(cellTexts);
                }

                sheets.Add(new Sheet(reader.Name, reader.VisibleState is "hidden" or "veryhidden", rows));
            }
            while (reader.NextResult());
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not PipelineInputException)
        {
            // Whatever the reader throws on a damaged file (bad zip, malformed XML inside, a truncated stream), the answer is the same.
            var why = ex is ExcelDataReader.Exceptions.InvalidPasswordException ? "it is protected with a password; save a copy without one"
                : "it is not a readable Excel workbook (damaged, or another kind of file with an .xlsx name)";
            throw new PipelineInputException($"{fileName}: cannot read the workbook: {why}. Nothing was loaded. ({ex.GetType().Name}: {ex.Message})", ex);
        }

        return sheets;
    }

    /// <summary>
    /// Refuses an .xlsx (a zip) whose parts unzip to more than <see cref="MaxUnzippedBytes"/>, by what they declare and by
    /// what actually comes out (a declared size can lie), before the workbook reader unzips anything. Not a zip: left
    /// to the reader (an .xls, or a damaged file it reports).
    /// </summary>
    private static void EnsureUnzipsWithinBounds(string fileName, byte[] bytes)
    {
        if (!bytes.AsSpan().StartsWith("PK"u8))
        {
            return;
        }

        try
        {
            using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes, writable: false), System.IO.Compression.ZipArchiveMode.Read);
            long total = 0;
            var buffer = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                if (total + entry.Length > MaxUnzippedBytes)
                {
                    throw new PipelineInputException($"{fileName}: the workbook unzips to more than {MaxUnzippedBytes >> 20:N0} MB (its part {entry.FullName} alone declares {entry.Length:N0} bytes); not a rating workbook? Nothing was loaded.");
                }

                using var stream = entry.Open();
                int read;
                while ((read = stream.Read(buffer)) > 0)
                {
                    if ((total += read) > MaxUnzippedBytes)
                    {
                        throw new PipelineInputException($"{fileName}: the workbook unzips to more than {MaxUnzippedBytes >> 20:N0} MB; not a rating workbook? Nothing was loaded.");
                    }
                }
            }
        }
        catch (InvalidDataException)
        {
            // A damaged zip: the reader says so in its own words.
        }
    }

    /// <summary>
    /// The error cells (#REF!, #DIV/0!, #N/A …) of each sheet of an .xlsx, by (row, column), from the sheet XML itself:
    /// ExcelDataReader returns them as empty cells, which would read as "not rated". Empty for other formats.
    /// </summary>
    private static Dictionary<string, Dictionary<(int Row, int Column), string>> ErrorCells(byte[] bytes)
    {
        var result = new Dictionary<string, Dictionary<(int, int), string>>(StringComparer.Ordinal);
        if (FileSniffer.Detect(bytes) != FileSniffer.Content.Zip)
        {
            return result;
        }

        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes, writable: false), System.IO.Compression.ZipArchiveMode.Read);
        XDocument? Load(string name) => zip.GetEntry(name) is { } e ? XDocument.Load(e.Open()) : null;
        XNamespace main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        XNamespace rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        var targets = Load("xl/_rels/workbook.xml.rels")?.Root?.Elements().ToDictionary(e => (string?)e.Attribute("Id") ?? "", e => (string?)e.Attribute("Target") ?? "") ?? [];
        foreach (var sheet in Load("xl/workbook.xml")?.Root?.Element(main + "sheets")?.Elements(main + "sheet") ?? [])
        {
            if (!targets.TryGetValue((string?)sheet.Attribute(rel + "id") ?? "", out var target))
            {
                continue;
            }

            var path = target.StartsWith('/') ? target[1..] : "xl/" + target;
            var cells = new Dictionary<(int, int), string>();
            foreach (var cell in Load(path)?.Descendants(main + "c").Where(c => (string?)c.Attribute("t") == "e") ?? [])
            {
                var address = AddressPattern().Match((string?)cell.Attribute("r") ?? "");
                if (address.Success)
                {
                    var column = address.Groups[1].Value.Aggregate(0, (n, ch) => (n * 26) + (ch - 'A' + 1)) - 1;
                    cells[(int.Parse(address.Groups[2].Value, CultureInfo.InvariantCulture), column)] = (string?)cell.Element(main + "v") ?? "#ERROR";
                }
            }

            result[(string?)sheet.Attribute("name") ?? ""] = cells;
        }

        return result;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^([A-Z]+)([0-9]+)$")]
    private static partial System.Text.RegularExpressions.Regex AddressPattern();

    /// <summary>A cell's value as the text a person reads in it.</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        double d when Math.Abs(d - Math.Round(d)) < 1e-9 && Math.Abs(d) < 1e15 => ((long)Math.Round(d)).ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime t when t.TimeOfDay == TimeSpan.Zero => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => (Convert.ToString(value, CultureInfo.InvariantCulture) ?? "").Trim(),
    };
}
