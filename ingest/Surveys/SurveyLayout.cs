using ResearchPipeline.Models;

namespace ResearchPipeline.Ingest.Surveys;

/// <summary>
/// Where the header rows end and what each column is, for one export in one format (<see cref="ISurveyFormat"/>; the
/// formats are in Surveys/Formats).
/// </summary>
public sealed class SurveyLayout
{
    private SurveyLayout(ISurveyFormat format, int headerRows, List<SurveyColumn> columns)
    {
        Format = format;
        HeaderRows = headerRows;
        Columns = columns;
    }

    public ISurveyFormat Format { get; }

    /// <summary>How many records at the top are header rows (recognized by their content).</summary>
    public int HeaderRows { get; }

    public IReadOnlyList<SurveyColumn> Columns { get; }

    /// <summary>The column marking responses that are not ratings (Qualtrics' Status), when the format and the file have one.</summary>
    public SurveyColumn? Status => Columns.FirstOrDefault(c => c.Names.Any(n => Format.StatusColumn.Contains(n, StringComparer.Ordinal)));

    public static SurveyLayout Build(string fileName, ISurveyFormat format, SurveyTable table)
    {
        var headerRows = format.HeaderRows(table);
        if (table.Records.Skip(headerRows).All(r => r.Fields.All(string.IsNullOrWhiteSpace)))
        {
            throw new PipelineInputException($"{fileName}: the {format.Name} export has its header row(s) but no responses; nothing to load.");
        }

        return new SurveyLayout(format, headerRows, format.Columns(table, headerRows));
    }

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

    /// <summary>The column a mapping names, by id or header text (exact, then ignoring case and spacing).</summary>
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

}
