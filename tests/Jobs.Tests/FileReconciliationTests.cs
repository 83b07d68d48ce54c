using Microsoft.VisualBasic.FileIO;
using ResearchPipeline.Models;

namespace ResearchPipeline.Jobs.Tests;

/// <summary>
/// For every sample file (good, bad and real; long format and survey exports), the data lines counted here,
/// independently of the pipeline (the framework's own TextFieldParser, and the header rows each file is known to
/// have), equal the rows `rp ingest` read: long format one row per data line, survey exports one response per data
/// line. A record cannot vanish between the file and the warehouse without this failing. Files the pipeline refuses
/// whole load nothing, and the bad-input corpus tests check each refusal's message.
/// </summary>
public sealed class FileReconciliationTests : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rp-reconcile-" + Guid.NewGuid().ToString("N")[..10])).FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The header rows each exporter writes; the files that deviate (a row deleted, the legacy exporter) are listed.</summary>
    private static readonly Dictionary<string, int> ExporterHeaderRows = new(StringComparer.Ordinal)
    {
        ["long"] = 1, ["qualtrics"] = 3, ["surveymonkey"] = 2, ["googleforms"] = 1,
    };

    private static readonly Dictionary<string, int> HeaderRowsOf = new(StringComparer.Ordinal)
    {
        ["bad/surveys/qualtrics-header-rows-deleted.csv"] = 1,
        ["bad/surveys/qualtrics-legacy-exporter.csv"] = 2,
        ["bad/surveys/surveymonkey-second-row-deleted.csv"] = 1,
        ["bad/surveys/surveymonkey-ragged.csv"] = 2,
        ["bad/surveys/surveymonkey-condensed.csv"] = 1, // its second header row is empty, and blank lines are not counted
        ["real/qualtrics-current-german-rows-2-3-deleted.csv"] = 1,
        ["real/qualtrics-legacy.csv"] = 2,
    };

    public static TheoryData<string> Files() => new(FileList());

    private static List<string> FileList() => Directory.GetFiles(TestSupport.Repository.Samples, "*", System.IO.SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(TestSupport.Repository.Samples, f).Replace('\\', '/'))
        .Where(f => (f.EndsWith(".csv", StringComparison.Ordinal) || f.EndsWith(".tsv", StringComparison.Ordinal)) && !f.StartsWith("bad/workbooks/", StringComparison.Ordinal) &&
                    !f.StartsWith("real/redcap-", StringComparison.Ordinal)) // a REDCap project's API answers, pulled by RealRedcapProjectTests
        .Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void Files_CoverGoodBadAndRealSamplesOfEveryTextSourceKind()
    {
        var files = FileList();
        foreach (var prefix in new[] { "ilead-ratings.csv", "surveys/", "surveys/bad/", "bad/long/", "bad/surveys/", "real/" })
        {
            Assert.Contains(files, f => f.StartsWith(prefix, StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void SampleFile_DataLinesCountedIndependently_EqualRowsRead(string file)
    {
        var path = Path.Combine(TestSupport.Repository.Samples, file);
        var mapping = Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + ".mapping.yaml");
        var format = File.Exists(mapping)
            ? File.ReadLines(mapping).Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("format:", StringComparison.Ordinal))?["format:".Length..].Trim() ?? "?"
            : "long";
        var config = Jobs.Config.PipelineConfig.Defaults(_dir);
        var context = new Jobs.Cli.RpContext(config, new StringWriter(), TimeProvider.System);
        TestSupport.TempWarehouse.WriteInitialized(config.Warehouse); // as rp init leaves it

        Ingest.Landing.IngestResult result;
        try
        {
            result = Assert.Single(Jobs.Commands.Ingest.IngestCommand.Ingest(context, [path]));
        }
        catch (PipelineInputException)
        {
            return; // refused whole: nothing landed (BadInputCorpusTests and SurveySampleTests check the message)
        }

        var dataLines = NonBlankRecords(path, file.EndsWith(".tsv", StringComparison.Ordinal) ? "\t" : ",") -
                        HeaderRowsOf.GetValueOrDefault(file, ExporterHeaderRows[format]);
        Assert.Equal(dataLines, result.Responses ?? result.RowsRead);
        Assert.Equal(result.RowsRead, result.RowsLoaded + result.RowsQuarantined + result.RowsSkipped);
    }

    /// <summary>TextFieldParser's largest line (its buffer's limit, 10,000,000 characters).</summary>
    private const int LongestLineParsed = 10_000_000;

    /// <summary>
    /// Records with any content, read by Microsoft.VisualBasic's TextFieldParser; '#' lines are notes. A file with a line
    /// longer than its buffer (the 10 MiB field, unquoted) is counted by plain lines instead: TextFieldParser would
    /// refuse it, and only after growing its buffer to the limit a few characters at a time (90 s of the suite).
    /// </summary>
    private static long NonBlankRecords(string path, string delimiter) =>
        File.ReadLines(path).Any(l => l.Length > LongestLineParsed)
            ? File.ReadLines(path).Count(l => !l.StartsWith('#') && l.Replace(delimiter, "", StringComparison.Ordinal).Trim().Length > 0)
            : ParsedRecords(path, delimiter);

    private static long ParsedRecords(string path, string delimiter)
    {
        using var parser = new TextFieldParser(path, System.Text.Encoding.UTF8, detectEncoding: true)
        {
            TextFieldType = FieldType.Delimited,
            Delimiters = [delimiter],
            HasFieldsEnclosedInQuotes = true,
            TrimWhiteSpace = false,
            CommentTokens = ["#"],
        };
        long count = 0;
        while (!parser.EndOfData)
        {
            string[]? fields;
            try
            {
                fields = parser.ReadFields();
            }
            catch (MalformedLineException)
            {
                fields = [parser.ErrorLine];
            }

            count += fields?.Any(f => !string.IsNullOrWhiteSpace(f)) == true ? 1 : 0;
        }

        return count;
    }
}
