namespace ResearchPipeline.Ingest.Surveys.Formats;

/// <summary>SurveyMonkey CSV: two header rows, the question (blank over the further columns of a matrix), then the sub-question or option.</summary>
internal sealed class SurveyMonkeyFormat : ISurveyFormat
{
    public string Key => "surveymonkey";

    public string Name => "SurveyMonkey";

    public int? RecognitionOrder => 3;

    public int HeaderRows => 2;

    public bool Recognizes(SurveyTable table) =>
        table.Records.Count >= 2 && table.Records[0].Fields.Any(f => f.Trim() == "Respondent ID") &&
        table.Records[1].Fields.Any(f => f.Trim() is "Response" or "Open-Ended Response");

    public List<SurveyColumn> Columns(SurveyTable table)
    {
        var first = table.Records[0].Fields;
        var sub = table.Records[1].Fields;
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
