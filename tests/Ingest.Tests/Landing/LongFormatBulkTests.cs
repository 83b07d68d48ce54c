using DuckDB.NET.Data;
using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.TestSupport;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Ingest.Tests.Landing;

/// <summary>
/// The set-based landing of long-format files must land exactly what the row-by-row path lands: every raw row with its
/// outcome and pseudonym, every quarantine message, every rating, the batch's counts. Each case is landed both ways into
/// two warehouses, and the warehouses are compared table by table.
/// </summary>
public sealed class LongFormatBulkTests : IDisposable
{
    private const string Header = "network,framework,wave,unit,role,rater,dimension,level,rated_at,is_consensus,comment";

    private readonly TempWarehouse _setBased = new();
    private readonly TempWarehouse _rowByRow = new();

    public void Dispose()
    {
        _setBased.Dispose();
        _rowByRow.Dispose();
    }

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    }

    private static IngestOptions Options(bool rowByRow) => new(TempWarehouse.Pseudonymizer, new FixedClock()) { RowByRow = rowByRow };

    /// <summary>Lands the file both ways; returns both results, after checking that the set-based path was the one taken.</summary>
    private (IngestResult SetBased, IngestResult RowByRow) LandBoth(string name, string content, bool expectSetBased = true)
    {
        var a = IngestService.IngestFile(_setBased.Connection, _setBased.WriteFile(name, content), Options(false));
        var b = IngestService.IngestFile(_rowByRow.Connection, _rowByRow.WriteFile(name, content), Options(true));
        Assert.True(expectSetBased == (a.RowByRowBecause is null), $"{name}: expected the {(expectSetBased ? "set-based" : "row-by-row")} path; row by row because: {a.RowByRowBecause}");
        Assert.Equal((b.BatchId, b.RowsRead, b.RowsLoaded, b.RowsQuarantined, b.RowsSkipped, b.SupersededRows),
            (a.BatchId, a.RowsRead, a.RowsLoaded, a.RowsQuarantined, a.RowsSkipped, a.SupersededRows));
        Assert.Equal(b.Problems.Select(p => p.Describe(name)), a.Problems.Select(p => p.Describe(name)));
        return (a, b);
    }

    private static readonly string[] Tables =
    [
        "raw.long_ratings order by batch_id, source_row",
        "ops.quarantine order by batch_id, source_row, reason",
        "core.ratings order by rating_id",
        "ops.ingest_batches order by batch_id",
    ];

    private void AssertSameWarehouse()
    {
        foreach (var table in Tables)
        {
            var expected = _rowByRow.Rows("select * from " + table);
            var actual = _setBased.Rows("select * from " + table);
            Assert.True(expected.Count > 0 || table.StartsWith("ops.quarantine", StringComparison.Ordinal), $"{table} is empty: the case tests nothing");
            Assert.Equal(expected.Count, actual.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.True(expected[i].SequenceEqual(actual[i]),
                    $"{table}, row {i}:\n  row by row: {string.Join(" | ", expected[i].Select(v => v ?? "<null>"))}\n  set-based:  {string.Join(" | ", actual[i].Select(v => v ?? "<null>"))}");
            }
        }
    }

    private static string File(params string[] lines) => string.Join("\n", [Header, .. lines]) + "\n";

    [Fact]
    public void TheSampleFiles_LandTheSameBothWays()
    {
        foreach (var sample in new[] { "ilead-ratings.csv", "txnsi-ic-ratings.csv" })
        {
            var content = System.IO.File.ReadAllText(Path.Combine(Repository.Root, "data-samples", sample));
            var (result, _) = LandBoth(sample, content);
            Assert.True(result.RowsLoaded > 300, $"{sample}: {result.RowsLoaded} loaded");
        }

        AssertSameWarehouse();
    }

    [Fact]
    public void ALanding_LeavesDuckDBsSettingsAsTheyWere()
    {
        // The set-based landing caps DuckDB's memory and leaves FSST out while it writes; whatever runs after it on the
        // connection gets DuckDB's own settings back.
        var own = DuckDbSettings.Own();
        var content = System.IO.File.ReadAllText(Path.Combine(Repository.Root, "data-samples", "ilead-ratings.csv"));
        var result = IngestService.IngestFile(_setBased.Connection, _setBased.WriteFile("ilead-ratings.csv", content), Options(false));
        Assert.Null(result.RowByRowBecause);
        Assert.Equal(own, DuckDbSettings.Of(_setBased.Connection));
    }

    [Fact]
    public void CodesTitlesPaddingConsensusAndBothFrameworks_LandTheSameBothWays()
    {
        LandBoth("mixed.csv", File(
            "ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,ann@uva.edu,1,2,2019-04-02,false,",
            "ilead,ilead-dp-2018,2019,University of Virginia & Chesterfield County Public Schools,LEA,Bo Smith,3. Faculty Development and Promotion,Stage 3,,false,ok",
            "ilead,,,uva-chesterfield,JOINT,,Partnership Relationships,Small change implementation,2019-06-01,true,",
            " ilead , ilead-dp-2018 , 2019 ,  uva-chesterfield ,  IHE , ANN@uva.edu  , 2 , 3 ,  4/2/2019 , FALSE ,  padded comment  ",
            "ilead,ilead-dp-2018,2020,uva-chesterfield,IHE,ann@uva.edu,1,,,false,",
            "ilead,ilead-dp-2018,,uva-chesterfield,LEA,cy@lea.org,4,1,2020-03-01,no,\"a, quoted \"\"comment\"\"\"",
            "txnsi,txnsi-ic-2022,2022-spring,txnsi-r10-campus-a1,Improvement team,t@x.org,2.1,Level 1 (Ideal),2022-03-01,false,"));
        AssertSameWarehouse();
    }

    [Fact]
    public void BlankLevels_AreSkippedAsNotRated_EvenWhereTheRestOfTheRowIsWrong()
    {
        var (result, _) = LandBoth("blanks.csv", File(
            "ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,a@b.c,1,2,,false,",
            "ilead,ilead-dp-2018,2019,nowhere-u,IHE,a@b.c,2,,,false,",
            "ilead,ilead-dp-2018,2019,uva-chesterfield,DEAN,,3,  ,,maybe,"));
        Assert.Equal((3, 1, 0, 2), (result.RowsRead, result.RowsLoaded, result.RowsQuarantined, result.RowsSkipped));
        AssertSameWarehouse();
    }

    [Fact]
    public void ASecondRatingOfTheSameThingInOneFile_IsQuarantinedNamingTheFirstRow()
    {
        var (result, _) = LandBoth("twice.csv", File(
            "ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,a@b.c,1,2,,false,",
            "ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,b@b.c,1,2,,false,",
            "ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,A@B.C ,1,3,,false,",
            "ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,a@b.c,Commitment to the Idea of Improvement,4,,false,",
            "ilead,ilead-dp-2018,2019,uva-chesterfield,JOINT,,1,2,,true,",
            "ilead,ilead-dp-2018,2019,uva-chesterfield, joint ,, 1 ,3,,TRUE,",
            "ilead,ilead-dp-2018,2019,uva-chesterfield,JOINT,consensus,1,3,,true,"));
        Assert.Equal((7, 4, 3, 0), (result.RowsRead, result.RowsLoaded, result.RowsQuarantined, result.RowsSkipped));
        Assert.Contains("as row 2: a file may rate each once", result.Problems[0].Reason, StringComparison.Ordinal);
        AssertSameWarehouse();
    }

    [Fact]
    public void ALaterFile_ReplacesEarlierRatingsAndMarksTheirRawRowsSuperseded()
    {
        LandBoth("first.csv", File(
            "ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,a@b.c,1,2,,false,",
            "ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,a@b.c,2,2,,false,"));
        var (result, _) = LandBoth("second.csv", File(
            "ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,a@b.c,2,3,,false,",
            "ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,a@b.c,3,1,,false,"));
        Assert.Equal(1, result.SupersededRows);
        Assert.Equal(1, _setBased.Count("select count(*) from raw.long_ratings where superseded_by_batch = 2"));
        AssertSameWarehouse();
    }

    [Fact]
    public void NotesLinesByteOrderMarkAndWindowsLineEndings_LandTheSameBothWays()
    {
        var content = "\uFEFF# synthetic sample data: a note\r\n# a second note\r\n" + File(
            "ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,a@b.c,1,2,2019-05-01,false,",
            "ilead,ilead-dp-2018,2019,uva-chesterfield,LEA,d@b.c,1,3,2019-05-01,true,").Replace("\n", "\r\n", StringComparison.Ordinal);
        LandBoth("windows.csv", content);
        Assert.Equal([4L, 5L], _setBased.Rows("select source_row from raw.long_ratings order by 1").Select(r => (long)r[0]!));
        Assert.Equal(1, _setBased.Count("select count(*) from ops.ingest_batches where is_synthetic"));
        AssertSameWarehouse();
    }

    [Fact]
    public void ColumnsInAnotherOrderAndAbsent_LandTheSameBothWays()
    {
        LandBoth("reordered.csv",
            "level,dimension,unit,role,rater,wave,framework,extra\n" +
            "2,1,uva-chesterfield,IHE,a@b.c,2019,ilead-dp-2018,x\n" +
            "3,2,uva-chesterfield,IHE,a@b.c,2019,ilead-dp-2018,y\n");
        AssertSameWarehouse();
    }

    /// <summary>Every problem the validator knows, alone and several to a row, between good rows: quarantined set-based, in the same words and order.</summary>
    [Fact]
    public void BadRowsOfEveryKind_AreQuarantinedSetBased_WithTheRowByRowMessagesInTheirOrder()
    {
        var (result, _) = LandBoth("bad.csv", File(
            "ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,a@b.c,1,2,,false,",
            "ilead,ilead-dp-2018,2019,nowhere-u,IHE,a@b.c,1,2,,false,",
            "ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,a@b.c,2,2,2020-02-01,false,",
            "mars,ilead-dp-2018,2019,uva-chesterfield,IHE,a@b.c,3,2,,false,",
            "mars,ilead-dp-2018,2019,uva-chesterfield,IHE,a@b.c,3,,,false,",
            "txnsi,ilead-dp-2018,2019,uva-chesterfield,IHE,a@b.c,4,2,,false,",
            ",,2019,uva-chesterfield,IHE,a@b.c,5,2,,false,",
            "ilead,nope,2019,uva-chesterfield,IHE,a@b.c,6,2,,false,",
            "ilead,ilead-dp-2018,2019,uva-chesterfield,DEAN,a@b.c,7,9,not a date,maybe,",
            "ilead,ilead-dp-2018,1999,txnsi-r10-campus-a1,,,99,2,,false,",
            "ilead,ilead-dp-2018,,uva-chesterfield,IHE,a@b.c,8,2,,false,",
            "ilead,ilead-dp-2018,,uva-chesterfield,IHE,a@b.c,9,2,1990-01-01,false,",
            "ilead,ilead-dp-2018,2019,,IHE,,10,2,,true,",
            "ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,,11,2,,false,",
            "ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,,12,2,,sometimes,",
            "ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,a@b.c,1,3,,false,",
            "ilead,ilead-dp-2018,2019,uva-chesterfield,LEA,b@b.c,13,3,,false,"));
        Assert.Null(result.RowByRowBecause);
        Assert.Equal((17L, 2L, 15L, 0L), (result.RowsRead, result.RowsLoaded, result.RowsQuarantined, result.RowsSkipped));
        Assert.True(result.Problems.Count > result.RowsQuarantined, "some rows have more than one problem");
        AssertSameWarehouse();
    }

    /// <summary>A large share of bad rows (a file whose waves were never loaded) is no reason for the slow path either.</summary>
    [Fact]
    public void AFileWhoseWavesAreUnknown_IsQuarantinedSetBased()
    {
        var lines = Enumerable.Range(1, 24).SelectMany(d => new[]
        {
            $"ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,a@b.c,{d},2,,false,",
            $"ilead,ilead-dp-2018,2031,uva-chesterfield,IHE,a@b.c,{d},2,,false,",
        }).ToArray();
        var (result, _) = LandBoth("future.csv", File(lines));
        Assert.Equal((48L, 24L, 24L), (result.RowsRead, result.RowsLoaded, result.RowsQuarantined));
        AssertSameWarehouse();
    }

    /// <summary>
    /// More problems than a landing keeps in memory: the first ones are kept (the same as the row-by-row path's first
    /// ones), the count says how many there are, and ops.quarantine has every one, second ratings included.
    /// </summary>
    [Fact]
    public void MoreProblemsThanAreKeptInMemory_AreAllInTheQuarantine_AndTheFirstAreKept()
    {
        var bad = Enumerable.Range(1, 1_100).Select(i => $"ilead,ilead-dp-2018,2099,uva-chesterfield,IHE,r{i}@b.c,1,2,,false,");
        var good = Enumerable.Range(1, 3).Select(i => $"ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,a@b.c,{i},2,,false,");
        var again = Enumerable.Range(1, 3).Select(i => $"ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,a@b.c,{i},3,,false,");
        var content = File([.. good, .. bad, .. again]);
        var a = IngestService.IngestFile(_setBased.Connection, _setBased.WriteFile("many.csv", content), Options(false));
        var b = IngestService.IngestFile(_rowByRow.Connection, _rowByRow.WriteFile("many.csv", content), Options(true));
        Assert.Null(a.RowByRowBecause);
        Assert.Equal((1_106L, 3L, 1_103L), (a.RowsRead, a.RowsLoaded, a.RowsQuarantined));
        Assert.Equal(IngestResult.ProblemsKept, a.Problems.Count);
        Assert.Equal(1_103L, a.ProblemCount);
        Assert.Equal(103L, a.ProblemsLeftOut);
        Assert.Equal(b.Problems.Take(IngestResult.ProblemsKept).Select(p => p.Describe("many.csv")), a.Problems.Select(p => p.Describe("many.csv")));
        Assert.Equal(0L, b.ProblemsLeftOut);
        AssertSameWarehouse();
    }

    [Theory]
    [InlineData("a ragged row", "ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,a@b.c,1,2,,false\n", "DuckDB's reader refused it")]
    [InlineData("a blank line", "\nilead,ilead-dp-2018,2019,uva-chesterfield,IHE,a@b.c,3,2,,false,\n", "rows read from")]
    [InlineData("a line break inside a field", "ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,a@b.c,3,2,,false,\"two\nlines\"\n", "rows read from")]
    [InlineData("a control character", "ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,a@b.c,3,2,,false,bell\u0007\n", "control characters")]
    [InlineData("the header again", Header + "\n", "a repeated header")]
    public void FilesTheSetBasedPathCannotVouchFor_AreLandedRowByRow_WithTheSameResult(string what, string extra, string why)
    {
        var content = File("ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,ok@b.c,2,2,,false,") + extra;
        var (result, _) = LandBoth(what.Replace(' ', '-') + ".csv", content, expectSetBased: false);
        Assert.Contains(why, result.RowByRowBecause, StringComparison.Ordinal);
        AssertSameWarehouse();
    }

    [Fact]
    public void TheJoinOnKeyHashes_IsTakenOnlyWhereEveryLookupsHashesDiffer()
    {
        // Rows join their lookups on one hash of the key; that is exact only where no two keys of a lookup share a hash.
        using var command = _setBased.Connection.CreateCommand();
        command.CommandText = string.Join(";", LongFormat.BulkLookups.Keys.Select(k => $"create temp table {k.Table} as select 1 as no, 11::ubigint as h union all select 2, 12"));
        command.ExecuteNonQuery();
        Assert.True(LongFormat.BulkLookups.JoinHashesAreUnique(_setBased.Connection));
        command.CommandText = "insert into bulk_waves values (3, 11)";
        command.ExecuteNonQuery();
        Assert.False(LongFormat.BulkLookups.JoinHashesAreUnique(_setBased.Connection));
        Assert.Equal("hash(f.network, f.framework, f.wave, f.rated_at)", LongFormat.BulkLookups.KeyHash("bulk_waves", "f"));
    }

    [Fact]
    public void TheSameFileAgain_IsAlreadyIngested()
    {
        var content = File("ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,a@b.c,1,2,,false,");
        LandBoth("once.csv", content);
        var again = IngestService.IngestFile(_setBased.Connection, _setBased.WriteFile("once-again.csv", content), Options(false));
        Assert.Equal(IngestStatus.AlreadyIngested, again.Status);
        Assert.Equal(1, _setBased.Count("select count(*) from raw.long_ratings"));
    }

    [Fact]
    public void AWarehouseWhoseRatingsHadAPrimaryKey_IsRebuiltWithoutIt_KeepingEveryRating()
    {
        using var old = new TempWarehouse();
        IngestService.IngestFile(old.Connection, old.WriteFile("a.csv", File("ilead,ilead-dp-2018,2019,uva-chesterfield,IHE,a@b.c,1,2,,false,")), Options(false));
        var before = old.Rows("select * from core.ratings");
        using (var command = old.Connection.CreateCommand())
        {
            // The table as warehouses before 2026-11-23 declared it.
            command.CommandText = """
                create table core.ratings_old as select * from core.ratings; drop table core.ratings;
                create table core.ratings (rating_id bigint primary key, framework_id varchar not null, network_id varchar not null, unit_id varchar not null,
                  role_code varchar not null, rater_key varchar not null, dimension_code varchar not null, wave_id varchar not null, level_value integer not null,
                  progress_rank integer not null, rated_at timestamp, is_consensus boolean not null, comment varchar, batch_id bigint not null, source_row bigint not null);
                insert into core.ratings select * from core.ratings_old; drop table core.ratings_old;
                """;
            command.ExecuteNonQuery();
        }

        const string primaryKeys = "select count(*) from duckdb_constraints() where schema_name = 'core' and table_name = 'ratings' and constraint_type = 'PRIMARY KEY'";
        Assert.Equal(1, old.Count(primaryKeys));
        WarehouseSchema.Ensure(old.Connection);
        Assert.Equal(0, old.Count(primaryKeys));
        Assert.Equal(before, old.Rows("select * from core.ratings"));
        Assert.Equal(1, old.Count("select count(*) from duckdb_constraints() where schema_name = 'core' and table_name = 'ratings' and constraint_type = 'NOT NULL' and constraint_column_names = ['rating_id']"));
    }
}
