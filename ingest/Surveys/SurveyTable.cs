using CsvHelper;
using ResearchPipeline.Models;

namespace ResearchPipeline.Ingest.Surveys;

/// <summary>
/// Every record of a survey export as text fields, with the row a spreadsheet shows for it (a quoted field with
/// line breaks is still one row). Header rows are records like any other; the layout decides which they are.
/// </summary>
public sealed class SurveyTable
{
    private SurveyTable(List<(long Row, string[] Fields)> records, char separator)
    {
        Records = records;
        Separator = separator;
    }

    public IReadOnlyList<(long Row, string[] Fields)> Records { get; }

    public char Separator { get; }

    public static SurveyTable Parse(string fileName, string text)
    {
        if (text.Trim().Length == 0)
        {
            throw new PipelineInputException($"{fileName}: the file is empty (expected a survey export with its header rows and responses).");
        }

        // Qualtrics TSV exports are tab-separated; everything else here is comma-separated.
        var separator = Landing.RecordCount.SeparatorOf(text);
        var records = new List<(long, string[])>();
        using var csv = CsvReader.Create(new StringReader(text), new CsvReaderOptions
        {
            Separator = separator,
            HasHeader = false,
            SkipEmptyLines = false,
            TrimWhitespace = false,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
        }, leaveOpen: false);
        while (csv.Read())
        {
            var fields = new string[csv.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = csv.GetString(i);
            }

            records.Add((csv.RowNumber, fields));
        }

        return new SurveyTable(records, separator);
    }
}
