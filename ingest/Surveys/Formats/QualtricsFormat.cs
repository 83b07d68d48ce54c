namespace ResearchPipeline.Ingest.Surveys.Formats;

/// <summary>Qualtrics CSV/TSV: three header rows (column ids, question text, ImportId JSON); matrix rows as Q3_7 "Question - Row".</summary>
internal sealed class QualtricsFormat : ISurveyFormat
{
    public string Key => "qualtrics";

    public string Name => "Qualtrics";

    public int? RecognitionOrder => 1;

    public int HeaderRows => 3;

    public string? StatusColumn => "Status";

    public bool Recognizes(SurveyTable table) =>
        table.Records.Count >= 3 && table.Records[2].Fields.Any(f => f.TrimStart().StartsWith("{\"ImportId\"", StringComparison.Ordinal));

    public List<SurveyColumn> Columns(SurveyTable table)
    {
        var ids = table.Records[0].Fields;
        var text = table.Records[1].Fields;
        var columns = new List<SurveyColumn>();
        for (var i = 0; i < ids.Length; i++)
        {
            var id = ids[i].Trim();
            var question = SurveyColumn.At(text, i).Trim();

            // Q3_7 is row 7 of matrix question Q3; its text reads "Question - Row".
            var block = id.Contains('_', StringComparison.Ordinal) ? id[..id.LastIndexOf('_')] : id;
            columns.Add(new SurveyColumn(i, id, [id, question], id, question, block));
        }

        return columns;
    }
}
