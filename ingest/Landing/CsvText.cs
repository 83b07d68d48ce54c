using CsvHelper;

namespace ResearchPipeline.Ingest.Landing;

/// <summary>The CSV dialect every comma-separated input is read with.</summary>
internal static class CsvText
{
    /// <summary>
    /// Empty lines are returned (and then passed over by the callers) so that <see cref="CsvReader.RowNumber"/>
    /// stays equal to the row a spreadsheet shows, minus the header.
    /// </summary>
    public static CsvReader Open(TextReader text) => CsvReader.Create(text, new CsvReaderOptions
    {
        Separator = ',',
        HasHeader = true,
        SkipEmptyLines = false,
        TrimWhitespace = false,
        MissingField = CsvMissingFieldHandling.ReturnEmpty,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
    }, leaveOpen: false);

    public static bool IsBlankRecord(CsvReader csv)
    {
        for (var i = 0; i < csv.FieldCount; i++)
        {
            if (!string.IsNullOrWhiteSpace(csv.GetString(i)))
            {
                return false;
            }
        }

        return true;
    }

    public static string Field(CsvReader csv, int index) => index < 0 || index >= csv.FieldCount ? "" : csv.GetString(index);
}
