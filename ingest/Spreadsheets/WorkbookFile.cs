using System.Globalization;
using System.Text;
using ExcelDataReader;
using ResearchPipeline.Models;

namespace ResearchPipeline.Ingest.Spreadsheets;

/// <summary>
/// Reads every sheet of an .xlsx (or .xls) workbook with ExcelDataReader into text cells: numbers as typed
/// ("2", "2.5"), Excel dates as ISO dates, text trimmed. A file that is not a readable workbook (corrupted, password
/// protected, another format behind the extension) is refused as a whole.
/// </summary>
public static class WorkbookFile
{
    static WorkbookFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static List<Sheet> Read(string fileName, byte[] bytes)
    {
        var sheets = new List<Sheet>();
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var reader = ExcelReaderFactory.CreateReader(stream);
            do
            {
                var rows = new List<string[]>();
                while (reader.Read())
                {
                    var cells = new string[reader.FieldCount];
                    for (var i = 0; i < cells.Length; i++)
                    {
                        cells[i] = Text(reader.GetValue(i));
                    }

                    rows.Add(cells);
                }

                sheets.Add(new Sheet(reader.Name, reader.VisibleState is "hidden" or "veryhidden", rows));
            }
            while (reader.NextResult());
        }
        catch (Exception ex) when (ex is ExcelDataReader.Exceptions.ExcelReaderException or InvalidDataException or NotSupportedException
                                       or ArgumentException or IOException or InvalidOperationException or FormatException)
        {
            var why = ex is ExcelDataReader.Exceptions.InvalidPasswordException ? "it is protected with a password; save a copy without one"
                : "it is not a readable Excel workbook (damaged, or another kind of file with an .xlsx name)";
            throw new PipelineInputException($"{fileName}: cannot read the workbook: {why}. Nothing was loaded. ({ex.GetType().Name}: {ex.Message})", ex);
        }

        return sheets;
    }

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
