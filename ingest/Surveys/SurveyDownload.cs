using System.Text;
using ResearchPipeline.Ingest.Spreadsheets;
using ResearchPipeline.Models;

namespace ResearchPipeline.Ingest.Surveys;

/// <summary>
/// A survey tool's Excel download (Qualtrics and SurveyMonkey offer .xlsx beside CSV): its one sheet holds the same
/// header rows and responses as the CSV, so it is read as that CSV and goes through the same mapping, header-row
/// recognition and reconciliation. A workbook with more than one sheet of data is not a survey download.
/// </summary>
public static class SurveyDownload
{
    /// <summary>The download's sheet as CSV text (cells as the workbook reader gives them: numbers as typed, dates as ISO).</summary>
    public static string AsCsv(string fileName, byte[] bytes, string tool)
    {
        var sheets = WorkbookFile.Read(fileName, bytes).Where(s => !s.Hidden && s.Rows.Any(r => r.Any(c => c.Length > 0))).ToList();
        if (sheets.Count != 1)
        {
            throw new PipelineInputException(sheets.Count == 0
                ? $"{fileName}: the workbook has no sheet with data; download the {tool} responses again (CSV or TSV is safest)."
                : $"{fileName}: a {tool} download is one sheet, and this workbook has {sheets.Count} with data ({string.Join(", ", sheets.Select(s => $"\"{s.Name}\""))}); " +
                  "download the responses as CSV or TSV, or save the one sheet of responses on its own.");
        }

        var csv = new StringBuilder();
        foreach (var row in sheets[0].Rows)
        {
            csv.Append(string.Join(',', row.Select(Quote))).Append('\n');
        }

        return csv.ToString();
    }

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
