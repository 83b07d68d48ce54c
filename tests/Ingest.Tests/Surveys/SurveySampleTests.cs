using ResearchPipeline.Ingest;
using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Ingest.Surveys;
using ResearchPipeline.Models;
using ResearchPipeline.TestSupport;

namespace ResearchPipeline.Ingest.Tests.Surveys;

/// <summary>The committed survey exports in data-samples/surveys, good and bad.</summary>
public sealed class SurveySampleTests : IDisposable
{
    private static readonly string Surveys = Path.Combine(Repository.Samples, "surveys");
    private readonly TempWarehouse _w = new();

    public void Dispose() => _w.Dispose();

    private IngestResult Ingest(string path) =>
        IngestService.IngestFile(_w.Connection, path, TempWarehouse.Options,
            SurveyMappingLoader.Load(Path.Combine(Path.GetDirectoryName(path)!, SurveyMappingLoader.MappingName(Path.GetFileName(path)) + ".mapping.yaml")));

    [Theory]
    [InlineData("qualtrics-ilead-2022.csv", "ilead-ratings.csv", "2022", "qualtrics")]
    [InlineData("surveymonkey-ilead-2021.csv", "ilead-ratings.csv", "2021", "surveymonkey")]
    [InlineData("googleforms-ilead-2020.csv", "ilead-ratings.csv", "2020", "googleforms")]
    [InlineData("qualtrics-txnsi-2023-spring.tsv", "txnsi-ic-ratings.csv", "2023-spring", "qualtrics")]
    public void IngestSurvey_SampleExport_CountsReconcileAndAgreeWithTheLongFormat(string export, string longFile, string wave, string kind)
    {
        var result = Ingest(Path.Combine(Surveys, export));
        Assert.Equal(kind, result.Kind.Name);
        Assert.Equal(result.RowsRead, result.RowsLoaded + result.RowsQuarantined + result.RowsSkipped);
        Assert.Equal(0, result.RowsQuarantined);
        Assert.True(result.RowsLoaded > 300, $"{result.RowsLoaded} loaded");
        Assert.Equal(1, _w.Count($"select count(*) from ops.ingest_batches where rows_read = rows_loaded + rows_quarantined + rows_skipped and source_kind = '{kind}'"));
        Assert.Equal(result.RowsRead, _w.Count("select count(*) from raw.long_ratings"));
        Assert.True(_w.Count("select count(*) from ops.ingest_batches where is_synthetic") == 1, "the mapping marks its export as synthetic");

        // The same raters, units, roles, dimensions, wave and levels as the long-format file says for that wave.
        using var other = new TempWarehouse();
        IngestService.IngestFile(other.Connection, Path.Combine(Repository.Samples, longFile), TempWarehouse.Options);
        var fromLong = other.Rows($"select unit_id, role_code, rater_key, dimension_code, level_value from core.ratings where wave_id = '{wave}' and rater_key <> 'consensus' order by all")
            .Select(r => string.Join('|', r)).ToList();
        var fromSurvey = _w.Rows("select unit_id, role_code, rater_key, dimension_code, level_value from core.ratings order by all").Select(r => string.Join('|', r)).ToList();
        Assert.Equal(fromLong, fromSurvey);
    }

    [Fact]
    public void IngestSurvey_QualtricsSample_PreviewSkippedResubmissionSupersededCommentKeptWhole()
    {
        var result = Ingest(Path.Combine(Surveys, "qualtrics-ilead-2022.csv"));
        Assert.Contains("1 preview/test/spam response(s) skipped", result.Notes);
        Assert.Contains(result.Notes, n => n.Contains("superseded by their latest", StringComparison.Ordinal));
        var superseded = _w.Rows("select count(*), min(superseded_by_batch), count(distinct source_row) from raw.long_ratings where outcome = 'superseded'").Single();
        Assert.Equal([16L, result.BatchId, 1L], superseded); // the earlier submission rated 16 of 24 objectives; its blanks are "not rated"
        Assert.Equal(1, _w.Count("select count(distinct comment) from core.ratings where comment = 'We ran a PDSA cycle on this,' || chr(10) || 'see the notes from May'"));
    }

    [Fact]
    public void IngestSurvey_BadValues_QuarantinedWithRowColumnAndValue()
    {
        var result = Ingest(Path.Combine(Surveys, "bad", "qualtrics-bad-values.csv"));
        Assert.Equal((144L, 60L, 71L, 13L), (result.RowsRead, result.RowsLoaded, result.RowsQuarantined, result.RowsSkipped));
        var messages = result.Problems.Select(p => p.Describe(result.FileName)).Distinct().ToList();
        Assert.Contains("qualtrics-bad-values.csv row 4, column \"Q1\": unit \"University of Atlantis & Lost City Schools\" is not in the roster (add it with a roster CSV, or fix the id)", messages);
        Assert.Contains("qualtrics-bad-values.csv row 5, column \"Q2\": role \"Superintendent\" is not a role of ilead-dp-2018 (expected IHE, LEA, JOINT, HUB)", messages);
        Assert.Contains("qualtrics-bad-values.csv row 6, column \"Q3_4\": \"Stage 5\" is not a stage of ilead-dp-2018 (expected 1–4 or a stage name)", messages);
        Assert.Contains(messages, m => m.StartsWith("qualtrics-bad-values.csv row 7, column \"Q3_1\": the row has 41 fields where the header has 42", StringComparison.Ordinal));
        Assert.Contains("qualtrics-bad-values.csv row 8, column \"Q3_10\": \"Somewhere in between\" is not a stage of ilead-dp-2018 (expected 1–4 or a stage name)", messages);
        Assert.Equal(71, _w.Count($"select count(*) from ops.quarantine where batch_id = {result.BatchId}"));
        Assert.Equal(1, _w.Count("select count(*) from ops.quarantine where source_row = 6 and column_name = 'Q3_4' and raw_value = 'Stage 5'"));
    }

    [Theory]
    [InlineData("qualtrics-misfit.csv", "qualtrics-misfit.csv: the mapping qualtrics-misfit does not fit this Qualtrics export (4 problem(s)); nothing was loaded.")]
    [InlineData("googleforms-latin1.csv", "googleforms-latin1.csv: the file is not UTF-8 (row 1, column 29: byte 2416 cannot be read); save it as UTF-8 CSV (in Excel: CSV UTF-8) and ingest again.")]
    [InlineData("empty.csv", "empty.csv: the file is empty (expected a survey export with its header rows and responses).")]
    [InlineData("surveymonkey-header-only.csv", "surveymonkey-header-only.csv: the SurveyMonkey export has its header row(s) but no responses; nothing to load.")]
    public void IngestSurvey_BadFile_RefusedAndNothingWritten(string file, string message)
    {
        var ex = Assert.Throws<PipelineInputException>(() => Ingest(Path.Combine(Surveys, "bad", file)));
        Assert.Equal(message, ex.Message.Split(Environment.NewLine)[0]);
        Assert.Equal(0, _w.Count("select count(*) from ops.ingest_batches"));
        Assert.Equal(0, _w.Count("select count(*) from raw.long_ratings"));
    }

    [Fact]
    public void IngestSurvey_MisfitMapping_EveryProblemListed()
    {
        var ex = Assert.Throws<PipelineInputException>(() => Ingest(Path.Combine(Surveys, "bad", "qualtrics-misfit.csv")));
        Assert.Contains("  columns.rater: \"Q99\" is not a column of the file (it has StartDate, EndDate, Status,", ex.Message, StringComparison.Ordinal);
        Assert.Contains("  dimensions: \"25\" (for column Q3_3) is not an objective of ilead-dp-2018", ex.Message, StringComparison.Ordinal);
        Assert.Contains("  dimensions: column \"Q3_99\" is not a column of the file (it has StartDate,", ex.Message, StringComparison.Ordinal);
        Assert.Contains("  dimensions: objective 1 is matched by 2 columns (Q3_1, Q3_2); map the columns explicitly under dimensions:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IngestSurvey_QualtricsSample_NoRespondentEmailOrNameInTheWarehouseFile()
    {
        var export = Path.Combine(Surveys, "qualtrics-ilead-2022.csv");
        Ingest(export);
        _w.Count("checkpoint");
        var table = SurveyTable.Parse("q.csv", File.ReadAllText(export));
        var ids = table.Records[0].Fields;
        var identities = table.Records.Skip(3)
            .SelectMany(r => new[] { r.Fields[Array.IndexOf(ids, "RecipientEmail")], r.Fields[Array.IndexOf(ids, "RecipientFirstName")], r.Fields[Array.IndexOf(ids, "RecipientLastName")] })
            .Where(v => v.Length > 5).Distinct().ToList(); // shorter first names ("Ana") occur inside rubric words ("Analyze")
        Assert.True(identities.Count > 50, $"{identities.Count} identities");
        var bytes = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(_w.Path_));
        Assert.All(identities, identity => Assert.DoesNotContain(identity, bytes, StringComparison.Ordinal));
        Assert.Equal(16, _w.Count("select count(*) from ops.superseded_ratings where superseded_by like 'a later submission%'"));
    }

    [Fact]
    public void ExpectedMd_NamesEveryBadFile()
    {
        var expected = File.ReadAllText(Path.Combine(Surveys, "bad", "EXPECTED.md"));
        foreach (var file in Directory.GetFiles(Path.Combine(Surveys, "bad"), "*.csv"))
        {
            Assert.Contains($"`{Path.GetFileName(file)}`", expected, StringComparison.Ordinal);
        }
    }
}
