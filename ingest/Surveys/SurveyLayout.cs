using System.Text.RegularExpressions;
using ResearchPipeline.Models;

namespace ResearchPipeline.Ingest.Surveys;

/// <summary>
/// Where the header rows end and what each column is, for one export format. Qualtrics: column ids, question
/// text, ImportId JSON. SurveyMonkey: question (blank over the further columns of a matrix), then sub-question or
/// option. Google Forms: one header row, matrix questions as "Question [Row]".
/// </summary>
public sealed partial class SurveyLayout
{
    private SurveyLayout(SurveyFormat format, int headerRows, List<SurveyColumn> columns)
    {
        Format = format;
        HeaderRows = headerRows;
        Columns = columns;
    }

    public SurveyFormat Format { get; }

    /// <summary>How many records at the top are header rows.</summary>
    public int HeaderRows { get; }

    public IReadOnlyList<SurveyColumn> Columns { get; }

    /// <summary>Qualtrics' Status column, when there is one (preview, test and spam responses are not ratings).</summary>
    public SurveyColumn? Status => Format == SurveyFormat.Qualtrics ? Columns.FirstOrDefault(c => c.Id == "Status") : null;

    /// <summary>Recognizes the format from the header rows alone, or returns null.</summary>
    public static SurveyFormat? Detect(SurveyTable table)
    {
        var rows = table.Records;
        if (rows.Count >= 3 && rows[2].Fields.Any(f => f.TrimStart().StartsWith("{\"ImportId\"", StringComparison.Ordinal)))
        {
            return SurveyFormat.Qualtrics;
        }

        if (rows.Count >= 1 && rows[0].Fields.Length > 0 && rows[0].Fields[0].Trim() == "Timestamp")
        {
            return SurveyFormat.GoogleForms;
        }

        if (rows.Count >= 2 && rows[0].Fields.Any(f => f.Trim() == "Respondent ID") &&
            rows[1].Fields.Any(f => f.Trim() is "Response" or "Open-Ended Response"))
        {
            return SurveyFormat.SurveyMonkey;
        }

        return null;
    }

    public static SurveyLayout Build(string fileName, SurveyFormat format, SurveyTable table)
    {
        var rows = table.Records;
        var headerRows = format switch
        {
            SurveyFormat.Qualtrics => 3,
            SurveyFormat.SurveyMonkey or SurveyFormat.Redcap => 2,
            _ => 1,
        };
        if (rows.Count < headerRows)
        {
            throw new PipelineInputException($"{fileName}: a {Name(format)} export has {headerRows} header row(s); this file has {rows.Count} row(s).");
        }

        if (rows.Count == headerRows)
        {
            throw new PipelineInputException($"{fileName}: the {Name(format)} export has its header row(s) but no responses; nothing to load.");
        }

        var first = rows[0].Fields;
        var columns = new List<SurveyColumn>();
        switch (format)
        {
            case SurveyFormat.Redcap:
                var labels = rows[1].Fields;
                for (var i = 0; i < first.Length; i++)
                {
                    var id = first[i].Trim();
                    var label = At(labels, i).Trim();
                    columns.Add(new SurveyColumn(i, id, [id, label], id, label, ""));
                }

                break;
            case SurveyFormat.Qualtrics:
                var text = rows[1].Fields;
                for (var i = 0; i < first.Length; i++)
                {
                    var id = first[i].Trim();
                    var question = At(text, i).Trim();
                    // Q3_7 is row 7 of matrix question Q3; its text reads "Question - Row".
                    var block = id.Contains('_', StringComparison.Ordinal) ? id[..id.LastIndexOf('_')] : id;
                    columns.Add(new SurveyColumn(i, id, [id, question], id, question, block));
                }

                break;
            case SurveyFormat.SurveyMonkey:
                var sub = rows[1].Fields;
                var question2 = "";
                for (var i = 0; i < Math.Max(first.Length, sub.Length); i++)
                {
                    var q = At(first, i).Trim();
                    if (q.Length > 0)
                    {
                        question2 = q;
                    }

                    var s = At(sub, i).Trim();
                    var generic = s.Length == 0 || s is "Response" or "Open-Ended Response";
                    var label = generic ? question2 : $"{question2} [{s}]";
                    columns.Add(new SurveyColumn(i, label, generic ? [question2, label] : [label, s], label, generic ? question2 : s, question2));
                }

                break;
            default:
                for (var i = 0; i < first.Length; i++)
                {
                    var header = first[i].Trim();
                    var bracket = BracketPart().Match(header);
                    columns.Add(new SurveyColumn(i, header, [header], header, bracket.Success ? bracket.Groups[1].Value.Trim() : header,
                        bracket.Success ? header[..bracket.Index].Trim() : header));
                }

                break;
        }

        return new SurveyLayout(format, headerRows, columns);
    }

    public static string Name(SurveyFormat format) => format switch
    {
        SurveyFormat.Qualtrics => "Qualtrics",
        SurveyFormat.SurveyMonkey => "SurveyMonkey",
        SurveyFormat.Redcap => "REDCap",
        _ => "Google Forms",
    };

    /// <summary>The column a mapping names, by id or header text (exact, then ignoring case and spacing).</summary>
    /// <summary>
    /// The columns that carry <paramref name="name"/> exactly, when more than one of them is in the same question block
    /// (a broken export that repeats a column id): a mapping cannot say which one it means. Empty otherwise.
    /// </summary>
    public List<SurveyColumn> Ambiguous(string name)
    {
        var exact = Exact(name);
        return exact.Count > 1 && exact.Select(c => c.Block).Distinct().Count() < exact.Count ? exact : [];
    }

    private List<SurveyColumn> Exact(string name) => Columns.Where(c => c.Names.Contains(name, StringComparer.Ordinal)).ToList();

    public SurveyColumn? Find(string name)
    {
        var exact = Exact(name);
        if (exact.Count > 0)
        {
            return exact[0];
        }

        var key = Models.Frameworks.TextKey.Canon(name);
        return Columns.FirstOrDefault(c => c.Names.Any(n => Models.Frameworks.TextKey.Canon(n) == key));
    }

    private static string At(string[] fields, int i) => i < fields.Length ? fields[i] : "";

    [GeneratedRegex(@"\[([^\]]+)\]\s*$")]
    private static partial Regex BracketPart();
}
