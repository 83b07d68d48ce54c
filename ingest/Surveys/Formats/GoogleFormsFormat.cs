using System.Text.RegularExpressions;

namespace ResearchPipeline.Ingest.Surveys.Formats;

/// <summary>Google Forms CSV: one header row starting with Timestamp; matrix questions as "Question [Row]".</summary>
internal sealed partial class GoogleFormsFormat : ISurveyFormat
{
    public string Key => "googleforms";

    public string Name => "Google Forms";

    public int? RecognitionOrder => 2;

    /// <summary>One header row, recognized by its Timestamp column; every row after it is a response.</summary>
    public int HeaderRows(SurveyTable table) => 1;

    public bool Recognizes(SurveyTable table) =>
        table.Records.Count >= 1 && table.Records[0].Fields.Length > 0 && table.Records[0].Fields[0].Trim() == "Timestamp";

    public List<SurveyColumn> Columns(SurveyTable table, int headerRows)
    {
        var columns = new List<SurveyColumn>();
        var headers = table.Records[0].Fields;
        for (var i = 0; i < headers.Length; i++)
        {
            var header = headers[i].Trim();
            var bracket = BracketPart().Match(header);
            columns.Add(new SurveyColumn(i, header, [header], header, bracket.Success ? bracket.Groups[1].Value.Trim() : header,
                bracket.Success ? header[..bracket.Index].Trim() : header));
        }

        return columns;
    }

    [GeneratedRegex(@"\[([^\]]+)\]\s*$")]
    private static partial Regex BracketPart();
}
