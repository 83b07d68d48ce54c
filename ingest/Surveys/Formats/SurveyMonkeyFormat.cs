using ResearchPipeline.Ingest.Landing;

namespace ResearchPipeline.Ingest.Surveys.Formats;

/// <summary>
/// SurveyMonkey CSV: two header rows, the question (blank over the further columns of a matrix), then the sub-question
/// or option. The second row is a header row only by its content (see <see cref="HeaderRows"/>): an analyst may delete it.
/// </summary>
internal sealed class SurveyMonkeyFormat : ISurveyFormat
{
    public string Key => "surveymonkey";

    public string Name => "SurveyMonkey";

    public int? RecognitionOrder => 3;

    public bool Recognizes(SurveyTable table) =>
        table.Records.Count >= 1 && table.Records[0].Fields.Any(f => f.Trim() == "Respondent ID");

    /// <summary>
    /// The second row is the sub-question row when it has no respondent: its Respondent ID is not a number and its
    /// Start Date and End Date are not dates (SurveyMonkey leaves them blank there). Otherwise it is a response.
    /// </summary>
    public int HeaderRows(SurveyTable table)
    {
        if (table.Records.Count < 2)
        {
            return 1;
        }

        var first = table.Records[0].Fields;
        var second = table.Records[1].Fields;
        string Cell(string name) => Array.FindIndex(first, f => f.Trim() == name) is var i and >= 0 ? SurveyColumn.At(second, i).Trim() : "";
        var respondent = Cell("Respondent ID");
        var isResponse = (respondent.Length > 0 && respondent.All(char.IsAsciiDigit)) ||
                         DateText.Parse(Cell("Start Date")) is not null || DateText.Parse(Cell("End Date")) is not null;
        return isResponse ? 1 : 2;
    }

    public List<SurveyColumn> Columns(SurveyTable table, int headerRows)
    {
        var first = table.Records[0].Fields;
        var sub = headerRows > 1 ? table.Records[1].Fields : [];
        var columns = new List<SurveyColumn>();
        var question = "";
        for (var i = 0; i < Math.Max(first.Length, sub.Length); i++)
        {
            var q = SurveyColumn.At(first, i).Trim();
            if (q.Length > 0)
            {
                question = q;
            }

            var s = SurveyColumn.At(sub, i).Trim();
            var generic = s.Length == 0 || s is "Response" or "Open-Ended Response";
            var label = generic ? question : $"{question} [{s}]";
            columns.Add(new SurveyColumn(i, label, generic ? [question, label] : [label, s], label, generic ? question : s, question));
        }

        return columns;
    }
}
