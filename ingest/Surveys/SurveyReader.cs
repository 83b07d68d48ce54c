using System.Security.Cryptography;
using System.Text;
using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Ingest.LongFormat;
using ResearchPipeline.Models;
using ResearchPipeline.Models.Frameworks;

namespace ResearchPipeline.Ingest.Surveys;

/// <summary>
/// Fits a mapping to a survey export (every misfit listed before anything loads) and turns each response into one
/// long record per rating cell, with the export's own column labels for messages.
/// </summary>
public static class SurveyReader
{
    /// <summary>Columns the survey tools add themselves; never a rubric question.</summary>
    private static readonly HashSet<string> ToolColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        "StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished", "RecordedDate", "ResponseId",
        "RecipientLastName", "RecipientFirstName", "RecipientEmail", "ExternalReference", "LocationLatitude", "LocationLongitude",
        "DistributionChannel", "UserLanguage", "Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address",
        "First Name", "Last Name", "Custom Data 1", "Timestamp", "Score",
    };

    /// <summary>Qualtrics Status values (as text or as the numeric code) that are not real responses.</summary>
    private static readonly HashSet<string> NotResponses = new(StringComparer.OrdinalIgnoreCase)
    {
        "Survey Preview", "Survey Test", "Spam", "Survey Preview Spam", "Imported Spam", "Offline Survey Preview", "1", "2", "8", "9", "12", "17",
    };

    public sealed record Result(ISurveyFormat Format, int HeaderRows, List<SurveyRecord> Records, int Responses, int NotResponses, IReadOnlyList<(string Column, string Dimension)> Dimensions);

    public static Result Read(string fileName, SurveyTable table, SurveyMapping mapping, FrameworkDefinition framework)
    {
        var format = mapping.Format ?? SurveyFormats.Detect(table)
            ?? throw new PipelineInputException(
                $"{fileName}: cannot tell which survey tool exported this file (Qualtrics: ResponseId and StartDate columns, or an ImportId JSON row; " +
                "SurveyMonkey: a Respondent ID column; Google Forms: a Timestamp column first). Say format: in the mapping.");
        var layout = SurveyLayout.Build(fileName, format, table);
        var problems = new List<string>();

        void Unique(string key, string name)
        {
            if (layout.Ambiguous(name) is { Count: > 1 } twice)
            {
                problems.Add($"{key}: \"{name}\" is the name of {twice.Count} columns of the file ({string.Join(", ", twice.Select(c => Spreadsheets.Sheet.ColumnName(c.Index)))}): " +
                             "a column id should appear once; export the survey again, or rename the extra column");
            }
        }

        var fields = new Dictionary<string, SurveyColumn>(StringComparer.Ordinal);
        foreach (var (field, name) in mapping.Columns)
        {
            Unique($"columns.{field}", name);
            if (layout.Find(name) is { } column)
            {
                fields[field] = column;
            }
            else
            {
                problems.Add($"columns.{field}: \"{name}\" is not a column of the file (it has {Sample(layout)})");
            }
        }

        var dimensions = new List<(SurveyColumn Column, string Dimension)>();
        if (mapping.DimensionsByQuestionText)
        {
            var matcher = new DimensionMatcher(framework);
            foreach (var column in layout.Columns.Where(c => !fields.ContainsValue(c) && !ToolColumns.Contains(c.Id)))
            {
                if (matcher.Match(column.QuestionText) is { } code)
                {
                    dimensions.Add((column, code));
                }
            }

            if (dimensions.Count == 0)
            {
                problems.Add($"dimensions: by-question-text found no column whose question names {RatingValidator.Article(framework.DimensionTerm)} {framework.DimensionTerm} of {framework.FrameworkId} " +
                             "(by number, code or title); list the columns under dimensions: instead");
            }
        }
        else
        {
            foreach (var (name, target) in mapping.DimensionMap)
            {
                Unique("dimensions", name);
                var column = layout.Find(name);
                var dimension = framework.Dimensions.FirstOrDefault(d => d.Code == target.Trim())
                    ?? framework.Dimensions.FirstOrDefault(d => TextKey.Canon(d.Title) == TextKey.Canon(target));
                if (column is null)
                {
                    problems.Add($"dimensions: column \"{name}\" is not a column of the file (it has {Sample(layout)})");
                }

                if (dimension is null)
                {
                    problems.Add($"dimensions: \"{target}\" (for column {name}) is not {RatingValidator.Article(framework.DimensionTerm)} {framework.DimensionTerm} of {framework.FrameworkId}");
                }

                if (column is not null && dimension is not null)
                {
                    dimensions.Add((column, dimension.Code));
                }
            }
        }

        // A dimension may appear once per question block (a survey that repeats the rubric for each role, each
        // respondent answering one block); twice within one block is a mapping error.
        foreach (var twice in dimensions.GroupBy(d => d.Dimension).Where(g => g.Count() > 1 && g.Select(d => d.Column.Block).Distinct().Count() < g.Count()))
        {
            problems.Add($"dimensions: {framework.DimensionTerm} {twice.Key} is matched by {twice.Count()} columns ({string.Join(", ", twice.Select(d => d.Column.Label))}); " +
                         "map the columns explicitly under dimensions:");
        }

        if (problems.Count > 0)
        {
            throw new PipelineInputException(
                $"{fileName}: the mapping {mapping.Name} does not fit this {format.Name} export ({problems.Count} problem(s)); nothing was loaded." +
                Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p)));
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, column) in fields)
        {
            labels[field] = column.Label;
        }

        if (mapping.Role is not null)
        {
            labels.TryAdd("role", "role (from the mapping)");
        }

        if (mapping.Wave is not null)
        {
            labels.TryAdd("wave", "wave (from the mapping)");
        }

        var repeated = dimensions.GroupBy(d => d.Dimension).Where(g => g.Count() > 1).ToDictionary(g => g.Key, g => g.Select(d => d.Column).ToList());
        var width = table.Records[0].Fields.Length;
        var records = new List<SurveyRecord>();
        int responses = 0, notResponses = 0;
        long recordNo = 0;
        foreach (var (row, cells) in table.Records.Skip(layout.HeaderRows))
        {
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            responses++;
            string F(string field) => fields.TryGetValue(field, out var c) && c.Index < cells.Length ? cells[c.Index].Trim() : "";
            var status = layout.Status is { } s && s.Index < cells.Length ? cells[s.Index].Trim() : "";
            string? skip = NotResponses.Contains(status) ? $"a \"{status}\" response, not a rating" : null;
            notResponses += skip is null ? 0 : 1;
            RowProblem? ragged = cells.Length == width ? null
                : new RowProblem(row, null, null, $"the row has {cells.Length} fields where the header has {width}: a field was lost or split (an unquoted comma or tab?); nothing in this row was loaded");
            var unit = Relabel(F("unit"), mapping.Units);
            var role = mapping.Role ?? Relabel(F("role"), mapping.Roles);
            var key = ResponseKey(mapping, cells);
            foreach (var (column, dimension) in dimensions)
            {
                var level = column.Index < cells.Length ? cells[column.Index] : "";
                var answered = repeated.TryGetValue(dimension, out var blocks) && level.Trim().Length > 0
                    ? blocks.Where(b => b.Index < cells.Length && cells[b.Index].Trim().Length > 0).ToList()
                    : [];
                var conflict = answered.Count > 1
                    ? new RowProblem(row, column.Label, level,
                        $"{framework.DimensionTerm} {dimension} is answered in {answered.Count} question blocks ({string.Join(", ", answered.Select(b => b.Label))}); which one counts is unclear, so none was loaded")
                    : null;
                var record = new LongRecord(row, mapping.Network, mapping.Framework, mapping.Wave ?? Relabel(F("wave"), mapping.Waves), unit, role, F("rater"), dimension,
                    level, F("rated_at"), F("is_consensus"), F("comment"))
                {
                    RecordNo = ++recordNo,
                    SourceColumns = new Dictionary<string, string>(labels) { ["level"] = column.Label, ["dimension"] = column.Label },
                    ResponseKey = key,
                    TimeZone = mapping.TimeZone ?? (fields.TryGetValue("rated_at", out var dated) ? dated.TimeZone : null),
                };
                records.Add(new SurveyRecord(record, ragged is null ? conflict : ragged with { Column = column.Label, RawValue = level }, skip));
            }
        }

        return new Result(format, layout.HeaderRows, records, responses, notResponses, dimensions.Select(d => (d.Column.Label, d.Dimension)).ToList());
    }

    private static string Relabel(string value, IReadOnlyDictionary<string, string> labels)
    {
        if (labels.TryGetValue(value, out var mapped))
        {
            return mapped;
        }

        var key = TextKey.Canon(value);
        return labels.FirstOrDefault(l => TextKey.Canon(l.Key) == key).Value ?? value;
    }

    private static string ResponseKey(SurveyMapping mapping, string[] cells) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(mapping.Framework + "\u001f" + string.Join("\u001f", cells))))[..32];

    private static string Sample(SurveyLayout layout)
    {
        var names = layout.Columns.Select(c => c.Id).Where(n => n.Length > 0).ToList();
        return string.Join(", ", names.Take(12)) + (names.Count > 12 ? $", … {names.Count} in all" : "");
    }
}
