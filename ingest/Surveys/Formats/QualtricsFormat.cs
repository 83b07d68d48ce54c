using System.Text.RegularExpressions;
using ResearchPipeline.Ingest.Landing;

namespace ResearchPipeline.Ingest.Surveys.Formats;

/// <summary>
/// Qualtrics CSV/TSV. The current exporter writes three header rows: column ids, question text (in the survey's
/// language), ImportId JSON; matrix rows as Q3_7 "Question - Row". The legacy exporter writes two: V1… ids (Q ids for
/// questions), then names and question text. Analysts often delete the second and third rows. Each row after the first
/// is a header row only when its content says so (see <see cref="HeaderRows"/>).
/// </summary>
internal sealed partial class QualtricsFormat : ISurveyFormat
{
    /// <summary>The response id column: ResponseId (current exporter), ResponseID (legacy, in its second row).</summary>
    private static readonly string[] ResponseIdNames = ["ResponseId", "ResponseID"];

    private static readonly string[] DateNames = ["StartDate", "EndDate", "RecordedDate"];

    public string Key => "qualtrics";

    public string Name => "Qualtrics";

    public int? RecognitionOrder => 1;

    public IReadOnlyList<string> StatusColumn => ["Status"];

    public bool Recognizes(SurveyTable table) =>
        table.Records.Count >= 1 && (table.Records.Take(3).Any(r => IsImportIdRow(r.Fields)) || IsLegacy(table) ||
                                     (Has(table.Records[0].Fields, ResponseIdNames) && Has(table.Records[0].Fields, DateNames)));

    /// <summary>
    /// The first row is the column ids. Each next row (at most two) is a header row when it is the ImportId JSON row,
    /// the legacy exporter's names row, or a question-text row: no response id in it, and its response id or date
    /// columns hold text that is not an id or a date ("Response ID", "Antwort-ID"). Anything else is a response.
    /// </summary>
    public int HeaderRows(SurveyTable table)
    {
        var ids = table.Records[0].Fields;
        var legacy = IsLegacy(table);
        var tool = ids.Select((id, i) => (id: id.Trim(), i)).Where(c => ResponseIdNames.Contains(c.id) || DateNames.Contains(c.id)).Select(c => c.i).ToList();
        var rows = 1;
        while (rows < Math.Min(3, table.Records.Count))
        {
            var cells = table.Records[rows].Fields;
            var header = IsImportIdRow(cells) || (legacy && rows == 1) ||
                         (!cells.Any(c => ResponseId().IsMatch(c.Trim())) && tool.Count > 0 &&
                          tool.All(i => SurveyColumn.At(cells, i).Trim() is var v && v.Length > 0 && DateText.Parse(v) is null));
            if (!header)
            {
                break;
            }

            rows++;
        }

        return rows;
    }

    public List<SurveyColumn> Columns(SurveyTable table, int headerRows)
    {
        var ids = table.Records[0].Fields;
        var text = headerRows > 1 && !IsImportIdRow(table.Records[1].Fields) ? table.Records[1].Fields : ids;
        var importIds = table.Records.Take(headerRows).Select(r => r.Fields).FirstOrDefault(IsImportIdRow) ?? [];
        var columns = new List<SurveyColumn>();
        for (var i = 0; i < ids.Length; i++)
        {
            var id = ids[i].Trim();
            var question = SurveyColumn.At(text, i).Trim();
            if (LegacyId().IsMatch(id) && question.Length > 0)
            {
                // Legacy V1… columns are the tool's own (V1 ResponseID, V7 Status, V8 StartDate): named in the second row.
                columns.Add(new SurveyColumn(i, question, [question, id], question, question, id));
                continue;
            }

            // Q3_7 is row 7 of matrix question Q3; its text reads "Question - Row".
            var block = id.Contains('_', StringComparison.Ordinal) ? id[..id.LastIndexOf('_')] : id;
            columns.Add(new SurveyColumn(i, id, [id, question], id, question, block) { TimeZone = ZoneOf(SurveyColumn.At(importIds, i)) });
        }

        return columns;
    }

    /// <summary>The zone an ImportId cell names ({"ImportId":"recordedDate","timeZone":"America/Denver"}), or null.</summary>
    private static TimeZoneInfo? ZoneOf(string importId)
    {
        if (!importId.Contains("timeZone", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var name = System.Text.Json.Nodes.JsonNode.Parse(importId)?["timeZone"]?.GetValue<string>();
            return name is null ? null : TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or TimeZoneNotFoundException or InvalidTimeZoneException or InvalidOperationException)
        {
            return null;
        }
    }

    private static bool Has(string[] fields, string[] names) => fields.Any(f => names.Contains(f.Trim()));

    private static bool IsImportIdRow(string[] fields) => fields.Any(f => f.TrimStart().StartsWith("{\"ImportId\"", StringComparison.OrdinalIgnoreCase));

    /// <summary>The legacy exporter: V1, V2… in the first row, the names (ResponseID first) in the second.</summary>
    private static bool IsLegacy(SurveyTable table) =>
        table.Records.Count >= 2 && table.Records[0].Fields.Length > 1 && table.Records[0].Fields[0].Trim() == "V1" &&
        table.Records[0].Fields[1].Trim() == "V2" && table.Records[1].Fields[0].Trim() == "ResponseID";

    /// <summary>A Qualtrics response id: R_ and 15 letters or digits (R_2YPOQ602ER1jkf1).</summary>
    [GeneratedRegex(@"^R_[A-Za-z0-9]{10,20}$")]
    private static partial Regex ResponseId();

    [GeneratedRegex(@"^V\d+$")]
    private static partial Regex LegacyId();
}
