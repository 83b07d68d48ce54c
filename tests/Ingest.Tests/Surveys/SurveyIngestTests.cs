using System.Text;
using ResearchPipeline.Ingest;
using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Ingest.Surveys;
using ResearchPipeline.Models;
using ResearchPipeline.TestSupport;

namespace ResearchPipeline.Ingest.Tests.Surveys;

public sealed class SurveyIngestTests : IDisposable
{
    private const string GoogleHeader = "Timestamp,Email Address,Partnership,Role,Rate each objective [Objective 1: Commitment to the Idea of Improvement],Rate each objective [Objective 2: Curriculum/Program Development],Comments";
    private readonly TempWarehouse _w = new();

    public void Dispose() => _w.Dispose();

    private SurveyMapping Mapping(string yaml)
    {
        var path = _w.WriteFile("m-" + Guid.NewGuid().ToString("N")[..6] + ".mapping.yaml", yaml);
        return SurveyMappingLoader.Load(path);
    }

    private SurveyMapping GoogleMapping(string extra = "") => Mapping($"""
        network: ilead
        framework: ilead-dp-2018
        columns: {"{"} unit: Partnership, role: Role, rater: Email Address, rated_at: Timestamp, comment: Comments {"}"}
        dimensions: by-question-text
        units: {"{"} "UVA & Chesterfield": uva-chesterfield {"}"}
        roles: {"{"} "University faculty": IHE, "District staff": LEA {"}"}
        {extra}
        """);

    private IngestResult Ingest(string name, string content, SurveyMapping mapping) =>
        IngestService.IngestFile(_w.Connection, _w.WriteFile(name, content), TempWarehouse.Options, mapping);

    [Fact]
    public void Ingest_GoogleForms_FormatDetectedLabelsMappedLevelsNormalized()
    {
        var result = Ingest("g.csv", $"""
            {GoogleHeader}
            5/14/2021 10:22:31,ann.smith@uva.example.org,UVA & Chesterfield,University faculty,2 - Small change implementation,Stage 3,
            5/15/2021 9:01:00,bo.jones@ccps.example.org,University of Virginia & Chesterfield County Public Schools,District staff,Exploring change ideas,4,"Note, with comma"

            """, GoogleMapping());
        Assert.Equal(("googleforms", 4L, 4L), (result.Kind.Name, result.RowsRead, result.RowsLoaded));
        var rows = _w.Rows("select unit_id, role_code, dimension_code, level_value, wave_id from core.ratings order by role_code, dimension_code");
        Assert.Equal(["uva-chesterfield", "IHE", "1", 2, "2021"], rows[0]);
        Assert.Equal(["uva-chesterfield", "IHE", "2", 3, "2021"], rows[1]);
        Assert.Equal(["uva-chesterfield", "LEA", "1", 1, "2021"], rows[2]);
        Assert.Equal(["uva-chesterfield", "LEA", "2", 4, "2021"], rows[3]);
    }

    [Fact]
    public void Ingest_TxnsiLabels_Level1IdealAndLevel5EntryNormalize()
    {
        var mapping = Mapping("""
            format: googleforms
            network: txnsi
            framework: txnsi-ic-2022
            wave: 2022-fall
            role: SCHOOL_LEADER
            columns: { unit: Team, rater: Email Address, rated_at: Timestamp }
            dimensions: by-question-text
            """);
        var result = Ingest("t.csv", """
            Timestamp,Email Address,Team,Outcomes [1.1 Shared vision],Outcomes [3.2 Something],Outcomes [5.3 Last]
            10/3/2022 8:00:00,lead@campus.example.org,txnsi-r10-campus-a1,Level 1 (Ideal),Level 5 (Entry),3

            """, mapping);
        Assert.Equal(3, result.RowsLoaded);
        Assert.Equal([[1, 5], [5, 1], [3, 3]], _w.Rows("select level_value, progress_rank from core.ratings order by dimension_code").Select(r => new[] { (int)r[0]!, (int)r[1]! }));
    }

    [Fact]
    public void Ingest_SameExportTwice_SecondChangesNothing()
    {
        var text = $"{GoogleHeader}\n5/14/2021 10:22:31,ann@uva.example.org,UVA & Chesterfield,University faculty,2,3,\n";
        var first = Ingest("g.csv", text, GoogleMapping());
        var second = Ingest("g2.csv", text, GoogleMapping());
        Assert.Equal(IngestStatus.AlreadyIngested, second.Status);
        Assert.Equal(first.BatchId, second.BatchId);
        Assert.Equal(1, _w.Count("select count(*) from ops.ingest_batches"));
    }

    [Fact]
    public void Ingest_LaterExportWithEarlierResponsesPlusNew_LoadsOnlyTheNew()
    {
        var early = $"{GoogleHeader}\n5/14/2021 10:22:31,ann@uva.example.org,UVA & Chesterfield,University faculty,2,3,\n5/14/2021 11:00:00,bo@ccps.example.org,UVA & Chesterfield,District staff,1,2,\n";
        Ingest("export-may.csv", early, GoogleMapping());
        var later = Ingest("export-june.csv", early + "6/2/2021 9:00:00,cy@uva.example.org,UVA & Chesterfield,University faculty,3,3,\n", GoogleMapping());
        Assert.Equal((6L, 2L, 4L, 0L), (later.RowsRead, later.RowsLoaded, later.RowsSkipped, later.SupersededRows));
        Assert.Contains("2 response(s) already landed by an earlier export skipped", later.Notes);
        Assert.Equal(6, _w.Count("select count(*) from core.ratings"));
        Assert.Equal(4, _w.Count($"select count(*) from raw.long_ratings where batch_id = {later.BatchId} and outcome = 'skipped'"));
    }

    [Fact]
    public void Ingest_RespondentSubmittedTwice_LatestWinsEarlierKeptInRawAsSuperseded()
    {
        // The later submission comes first in the file: the date decides, not the order.
        var result = Ingest("g.csv", $"""
            {GoogleHeader}
            5/20/2021 10:00:00,ann@uva.example.org,UVA & Chesterfield,University faculty,3,4,
            5/14/2021 10:00:00,ANN@uva.example.org ,UVA & Chesterfield,University faculty,1,1,

            """, GoogleMapping());
        Assert.Equal((4L, 2L, 2L), (result.RowsRead, result.RowsLoaded, result.RowsSkipped));
        Assert.Equal([[3], [4]], _w.Rows("select level_value from core.ratings order by dimension_code").Select(r => new[] { (int)r[0]! }));
        Assert.Equal(2, _w.Count($"select count(*) from raw.long_ratings where outcome = 'superseded' and source_row = 3 and superseded_by_batch = {result.BatchId}"));
    }

    [Fact]
    public void Ingest_UnknownRoleLabelAndUnknownUnit_QuarantinedWithTheColumnAsTheFileNamesIt()
    {
        var result = Ingest("g.csv", $"""
            {GoogleHeader}
            5/14/2021 10:00:00,ann@uva.example.org,UVA & Chesterfield,Dean of students,2,3,
            5/14/2021 10:00:00,bo@uva.example.org,Atlantis U,University faculty,2,,

            """, GoogleMapping());
        Assert.Equal((4L, 0L, 3L, 1L), (result.RowsRead, result.RowsLoaded, result.RowsQuarantined, result.RowsSkipped));
        var messages = result.Problems.Select(p => p.Describe("g.csv")).Distinct().ToList();
        Assert.Contains("g.csv row 2, column \"Role\": role \"Dean of students\" is not a role of ilead-dp-2018 (expected IHE, LEA, JOINT, HUB)", messages);
        Assert.Contains("g.csv row 3, column \"Partnership\": unit \"Atlantis U\" is not in the roster (add it with a roster CSV, or fix the id)", messages);
    }

    [Fact]
    public void Ingest_QuestionTextNamesNoDimension_RefusedBeforeLoading()
    {
        var ex = Assert.Throws<PipelineInputException>(() => Ingest("g.csv",
            "Timestamp,Email Address,Partnership,Role,How was your day?\n5/14/2021 10:00:00,a@b.org,UVA & Chesterfield,University faculty,fine\n", GoogleMapping()));
        Assert.Contains("dimensions: by-question-text found no column whose question names an objective of ilead-dp-2018", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, _w.Count("select count(*) from ops.ingest_batches"));
    }

    [Fact]
    public void Ingest_QuestionTextMatchesOneDimensionTwice_Refused()
    {
        var ex = Assert.Throws<PipelineInputException>(() => Ingest("g.csv",
            "Timestamp,Email Address,Partnership,Role,Now [Objective 1],Now [1. Commitment to the Idea of Improvement],Comments\n5/14/2021 10:00:00,a@b.org,UVA & Chesterfield,University faculty,1,1,\n", GoogleMapping()));
        Assert.Contains("objective 1 is matched by 2 columns (Now [Objective 1], Now [1. Commitment to the Idea of Improvement])", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ingest_RubricRepeatedPerRoleBlock_EachRespondentsAnsweredBlockLoaded()
    {
        // One block for university staff, one for district staff: each respondent answers one of them.
        var result = Ingest("g.csv", """
            Timestamp,Email Address,Partnership,Role,University staff [Objective 1],University staff [Objective 2],District staff [Objective 1],District staff [Objective 2],Comments
            5/14/2021 10:00:00,ann@uva.example.org,UVA & Chesterfield,University faculty,2,3,,,
            5/14/2021 10:00:00,bo@ccps.example.org,UVA & Chesterfield,District staff,,,1,4,
            5/14/2021 10:00:00,cy@uva.example.org,UVA & Chesterfield,University faculty,2,,3,,

            """, GoogleMapping());
        Assert.Equal((12L, 4L, 2L, 6L), (result.RowsRead, result.RowsLoaded, result.RowsQuarantined, result.RowsSkipped));
        Assert.Equal([[1, 1], [1, 2], [2, 3], [2, 4]], _w.Rows("select dimension_code, level_value from core.ratings order by dimension_code, level_value")
            .Select(r => new[] { int.Parse((string)r[0]!, System.Globalization.CultureInfo.InvariantCulture), (int)r[1]! }));
        Assert.Contains("g.csv row 4, column \"University staff [Objective 1]\": objective 1 is answered in 2 question blocks (University staff [Objective 1], District staff [Objective 1]); which one counts is unclear, so none was loaded",
            result.Problems.Select(p => p.Describe("g.csv")));
    }

    [Fact]
    public void Ingest_RaggedRow_EveryCellQuarantinedNothingElseLost()
    {
        var result = Ingest("g.csv", $"{GoogleHeader}\n5/14/2021 10:00:00,ann@uva.example.org,UVA & Chesterfield,University faculty,2,3,,extra\n5/14/2021 10:00:00,bo@uva.example.org,UVA & Chesterfield,University faculty,2,3,\n", GoogleMapping());
        Assert.Equal((4L, 2L, 2L, 0L), (result.RowsRead, result.RowsLoaded, result.RowsQuarantined, result.RowsSkipped));
        Assert.All(result.Problems, p => Assert.Contains("the row has 8 fields where the header has 7", p.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Ingest_SurveyExportWithoutMapping_SaysToGiveOne()
    {
        var ex = Assert.Throws<PipelineInputException>(() => IngestService.IngestFile(_w.Connection, _w.WriteFile("g.csv", $"{GoogleHeader}\n5/14/2021,a@b.org,x,y,1,2,\n"), TempWarehouse.Options));
        Assert.StartsWith("g.csv: this looks like a Google Forms export; say which columns hold what with --mapping MAPPING.yaml", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ingest_Survey_NoRaterEmailOrNameAnywhereInTheWarehouseFile()
    {
        // Qualtrics carries the respondent's name in its own columns too; none of it may reach the warehouse.
        var mapping = Mapping("""
            format: qualtrics
            network: ilead
            framework: ilead-dp-2018
            wave: "2021"
            columns: { unit: Q1, role: Q2, rater: RecipientEmail, rated_at: RecordedDate }
            dimensions: { Q3_1: "1", Q3_2: "2" }
            """);
        Ingest("q.csv", """
            RecordedDate,ResponseId,RecipientLastName,RecipientFirstName,RecipientEmail,Q1,Q2,Q3_1,Q3_2
            Recorded Date,Response ID,Recipient Last Name,Recipient First Name,Recipient Email,Partnership,Role,Stage now - 1,Stage now - 2
            {"ImportId":"recordedDate"},{"ImportId":"_recordId"},{"ImportId":"recipientLastName"},{"ImportId":"recipientFirstName"},{"ImportId":"recipientEmail"},{"ImportId":"QID1"},{"ImportId":"QID2"},{"ImportId":"QID3_1"},{"ImportId":"QID3_2"}
            2021-05-14 10:00:00,R_1,Quillfeather,Zebadiah,zebadiah.quillfeather@uva.example.org,uva-chesterfield,IHE,2,Stage 9
            2021-05-14 10:00:00,R_2,Marchbanks,Philippa,philippa.marchbanks@ccps.example.org,uva-chesterfield,LEA,3,4

            """, mapping);
        _w.Count("checkpoint");
        var bytes = Encoding.Latin1.GetString(File.ReadAllBytes(_w.Path_));
        foreach (var secret in new[] { "zebadiah", "quillfeather", "philippa", "marchbanks", "Zebadiah", "Quillfeather", "Philippa", "Marchbanks" })
        {
            Assert.DoesNotContain(secret, bytes, StringComparison.Ordinal);
        }

        Assert.Equal(3, _w.Count("select count(*) from core.ratings"));
        Assert.Equal(1, _w.Count("select count(*) from ops.quarantine where raw_value = 'Stage 9' and column_name = 'Q3_2'"));
    }
}
