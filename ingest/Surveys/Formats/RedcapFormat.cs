namespace ResearchPipeline.Ingest.Surveys.Formats;

/// <summary>
/// REDCap records as <c>rp pull</c> lands them: field names, then field labels, choice codes already turned into their
/// labels. Never recognized by itself: only a REDCap source's mapping names it.
/// </summary>
internal sealed class RedcapFormat : ISurveyFormat
{
    public string Key => "redcap";

    public string Name => "REDCap";

    public int? RecognitionOrder => null;

    /// <summary>Field names, then field labels: the two rows <c>rp pull</c> writes itself.</summary>
    public int HeaderRows(SurveyTable table) => 2;

    public bool Recognizes(SurveyTable table) => false;

    public List<SurveyColumn> Columns(SurveyTable table, int headerRows)
    {
        var names = table.Records[0].Fields;
        var labels = table.Records[1].Fields;
        var columns = new List<SurveyColumn>();
        for (var i = 0; i < names.Length; i++)
        {
            var id = names[i].Trim();
            var label = SurveyColumn.At(labels, i).Trim();
            columns.Add(new SurveyColumn(i, id, [id, label], id, label, ""));
        }

        return columns;
    }
}
