using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Models;
using ResearchPipeline.TestSupport;

namespace ResearchPipeline.Ingest.Tests.Landing;

public sealed class LongFormatIngestTests : IDisposable
{
    private const string Header = "network,framework,wave,unit,role,rater,dimension,level,rated_at,is_consensus,comment";
    private readonly TempWarehouse _w = new();

    public void Dispose() => _w.Dispose();

    private IngestResult Ingest(string name, params string[] lines) =>
        IngestService.IngestFile(_w.Connection, _w.WriteFile(name, string.Join("\n", [Header, .. lines]) + "\n"), TempWarehouse.Options);

    [Fact]
    public void IngestFile_GoodRows_LoadedWithLineageAndPseudonyms()
    {
        var result = Ingest("good.csv",
            "ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,ann@uva.edu,1,2,2019-04-02,false,",
            "ilead,ilead-dp-2018,2019,University of Virginia & Chesterfield County Public Schools,LEA,Bo Smith,3. Faculty Development and Promotion,Stage 3,,false,ok",
            "ilead,,,uva-chesterfield,JOINT,,Partnership Relationships,Small change implementation,2019-06-01,true,",
            "txnsi,txnsi-ic-2022,2022-spring,txnsi-r10-campus-a1,Improvement team,t@x.org,2.1,Level 1 (Ideal),2022-03-01,false,");
        Assert.Equal((4, 4, 0, 0), (result.RowsRead, result.RowsLoaded, result.RowsQuarantined, result.RowsSkipped));
        var rows = _w.Rows("select unit_id, role_code, dimension_code, wave_id, level_value, progress_rank, rater_key, source_row from core.ratings order by source_row");
        Assert.Equal(["uva-chesterfield", "LEA", "3", "2019", 3, 3], rows[1][..6]);
        Assert.Equal(["uva-chesterfield", "JOINT", "18", "2019", 2, 2, "consensus"], rows[2][..7]);
        Assert.Equal(["IMPROVEMENT_TEAM", "2.1", 1, 5], rows[3][1..3].Concat(rows[3][4..6]));
        Assert.Equal(TempWarehouse.Pseudonymizer.Pseudonymize("ANN@uva.edu "), rows[0][6]);
        Assert.Equal([2L, 3L, 4L, 5L], rows.Select(r => r[7]));
        Assert.Equal(0, _w.Count("select count(*) from raw.long_ratings where rater_key like '%@%' or rater_key like '%Smith%'"));
        Assert.Equal(1, _w.Count("select count(*) from ops.ingest_batches where status = 'loaded' and rows_read = rows_loaded + rows_quarantined + rows_skipped"));
    }

    [Theory]
    [InlineData("ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,a@b.c,1,Stage 5,,false,", "level", "Stage 5", "\"Stage 5\" is not a stage of ilead-dp-2018 (expected 1–4 or a stage name)")]
    [InlineData("ilead,ilead-dp-2018,2019,nowhere-u,IHE,a@b.c,1,2,,false,", "unit", "nowhere-u", "unit \"nowhere-u\" is not in the roster (add it with a roster CSV, or fix the id)")]
    [InlineData("ilead,ilead-dp-2018,2019,uva-chesterfield,DEAN,a@b.c,1,2,,false,", "role", "DEAN", "role \"DEAN\" is not a role of ilead-dp-2018 (expected IHE, LEA, JOINT, HUB)")]
    [InlineData("ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,a@b.c,25,2,,false,", "dimension", "25", "\"25\" is not an objective of ilead-dp-2018 (expected 1–24 or a title)")]
    [InlineData("ilead,ilead-dp-2018,1999,uva-chesterfield,IHE,a@b.c,1,2,,false,", "wave", "1999", "wave \"1999\" is not a wave of ilead (known: 2018, 2019, 2020, 2021, 2022)")]
    [InlineData("ilead,ilead-dp-2018,,uva-chesterfield,IHE,a@b.c,1,2,,false,", "wave", "", "wave and rated_at are both blank: one is needed to place the rating in a wave")]
    [InlineData("ilead,ilead-dp-2018,2021,uva-chesterfield,IHE,a@b.c,1,2,12/31/2021 11:30 PM EST,false,", "rated_at", "12/31/2021 11:30 PM EST", "\"12/31/2021 11:30 PM EST\" (2022-01-01 UTC) is outside wave 2021 (2021-01-01 to 2021-12-31); correct the date or the wave, or widen the wave in a waves file")] // quoted as written, not as converted
    [InlineData("ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,a@b.c,1,2,2020-02-01,false,", "rated_at", "2020-02-01", "\"2020-02-01\" (2020-02-01 UTC) is outside wave 2019 (2019-01-01 to 2019-12-31); correct the date or the wave, or widen the wave in a waves file")]
    [InlineData("ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,a@b.c,1,2,31/31/2019,false,", "rated_at", "31/31/2019", "\"31/31/2019\" is not a date (expected YYYY-MM-DD, M/D/YYYY or 4 March 2021, optionally with a time; day-first dates such as 04.03.2021 are not guessed)")]
    [InlineData("ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,,1,2,,false,", "rater", "", "rater is blank (only a consensus rating may leave it blank)")]
    [InlineData("ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,a@b.c,1,2,,maybe,", "is_consensus", "maybe", "\"maybe\" is not true or false")]
    [InlineData("ilead,txnsi-ic-2022,2019,uva-chesterfield,IHE,a@b.c,1,2,,false,", "framework", "txnsi-ic-2022", "framework txnsi-ic-2022 belongs to network txnsi, not ilead")]
    [InlineData("mars,ilead-dp-2018,2019,uva-chesterfield,IHE,a@b.c,1,2,,false,", "network", "mars", "network \"mars\" is unknown (known: ilead, txnsi)")]
    public void IngestFile_BadRow_QuarantinedWithReason(string line, string column, string value, string reason)
    {
        var result = Ingest("bad.csv", "ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,ok@b.c,2,2,,false,", line);
        Assert.Equal((2, 1, 1), (result.RowsRead, result.RowsLoaded, result.RowsQuarantined));
        var q = _w.Rows("select source_row, column_name, raw_value, reason from ops.quarantine");
        Assert.Contains(q, r => (long)r[0]! == 3 && (string?)r[1] == column && (r[2] as string ?? "") == value && (string?)r[3] == reason);
        Assert.Equal(1, _w.Count("select count(*) from core.ratings"));
        Assert.Equal(1, _w.Count("select count(*) from raw.long_ratings where outcome = 'quarantined' and source_row = 3"));
    }

    [Fact]
    public void Describe_QuarantineMessage_NamesFileRowColumnValue()
    {
        var result = Ingest("survey_2019.csv", "ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,a@b.c,4,Stage 5,,false,");
        Assert.Equal("survey_2019.csv row 2, column \"level\": \"Stage 5\" is not a stage of ilead-dp-2018 (expected 1–4 or a stage name)",
            Assert.Single(result.Problems).Describe("survey_2019.csv"));
    }

    [Fact]
    public void IngestFile_SameFileTwice_ChangesNothing()
    {
        string[] lines = ["ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,a@b.c,1,2,,false,", "ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,a@b.c,2,,,false,"];
        var first = Ingest("f.csv", lines);
        var counts = Snapshot();
        var second = Ingest("f.csv", lines);
        Assert.Equal(IngestStatus.Loaded, first.Status);
        Assert.Equal(IngestStatus.AlreadyIngested, second.Status);
        Assert.Equal(first.BatchId, second.BatchId);
        Assert.Equal(counts, Snapshot());
        Assert.Equal((2, 1, 0, 1), (second.RowsRead, second.RowsLoaded, second.RowsQuarantined, second.RowsSkipped));
    }

    [Fact]
    public void IngestFile_LaterFileSameNaturalKey_ReplacesAndMarksSuperseded()
    {
        Ingest("first.csv", "ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,a@b.c,1,2,,false,");
        var second = Ingest("second.csv", "ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,A@B.C,1,3,,false,");
        Assert.Equal(1, second.SupersededRows);
        Assert.Equal(3, _w.Count("select level_value from core.ratings"));
        Assert.Equal(1, _w.Count("select count(*) from raw.long_ratings where batch_id = 1 and superseded_by_batch = 2"));
    }

    [Fact]
    public void IngestFile_DuplicateWithinFile_SecondQuarantined()
    {
        var result = Ingest("dup.csv",
            "ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,a@b.c,1,2,,false,",
            "ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,a@b.c,1,3,,false,");
        Assert.Equal((1, 1), (result.RowsLoaded, result.RowsQuarantined));
        Assert.Contains("as row 2", Assert.Single(result.Problems).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void IngestFile_HeaderMissingColumns_RefusedAndNothingWritten()
    {
        var path = _w.WriteFile("x.csv", "unit,role,dimension,level,network\nuva-chesterfield,IHE,1,2,ilead\n");
        var ex = Assert.Throws<PipelineInputException>(() => IngestService.IngestFile(_w.Connection, path, TempWarehouse.Options));
        Assert.Contains("x.csv row 1: the header lacks rater, wave or rated_at", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, _w.Count("select count(*) from ops.ingest_batches"));
    }

    [Fact]
    public void IngestFile_NotUtf8_Refused()
    {
        var path = Path.Combine(_w.Folder, "latin1.csv");
        File.WriteAllBytes(path, [.. System.Text.Encoding.ASCII.GetBytes(Header + "\nilead,ilead-dp-2018,2019,uva-chesterfield,IHE,Jos"), 0xE9, (byte)'\n']);
        var ex = Assert.Throws<PipelineInputException>(() => IngestService.IngestFile(_w.Connection, path, TempWarehouse.Options));
        Assert.Contains("not UTF-8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IngestFile_RosterCsv_AddsUnitsThatRatingsCanUse()
    {
        var roster = _w.WriteFile("roster.csv", """
            network,unit_id,unit_name,org_id,org_name,org_kind,member_role,valid_from,valid_to
            ilead,new-partnership,New U & New District,new-u,New University,IHE,IHE,2020-01-01,
            ilead,new-partnership,New U & New District,new-d,New District,LEA,LEA,2020-01-01,
            ilead,broken,Broken,b,B,LEA,LEA,not-a-date,
            """);
        var r = IngestService.IngestFile(_w.Connection, roster, TempWarehouse.Options);
        Assert.Equal((3, 2, 1), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.Equal(2, _w.Count("select count(*) from core.unit_members where unit_id = 'new-partnership'"));
        var ratings = Ingest("r.csv", "ilead,ilead-dp-2018,2020,New U & New District,IHE,a@b.c,1,2,,false,");
        Assert.Equal(1, ratings.RowsLoaded);
    }

    private (long, long, long, long) Snapshot() => (
        _w.Count("select count(*) from core.ratings"), _w.Count("select count(*) from raw.long_ratings"),
        _w.Count("select count(*) from ops.ingest_batches"), _w.Count("select count(*) from ops.quarantine"));
}
