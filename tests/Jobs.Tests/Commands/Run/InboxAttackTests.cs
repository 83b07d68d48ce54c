using DuckDB.NET.Data;
using ResearchPipeline.TestSupport;

namespace ResearchPipeline.Jobs.Tests.Commands.Run;

/// <summary>
/// Files planted in the inbox to leak or to stop it: a link to the pseudonym key, a header-less export full of emails,
/// a processed/ folder that is a link out of the inbox, a file name as long as a file name may be.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.EndToEnd)]
public sealed class InboxAttackTests : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rp-inbox-" + Guid.NewGuid().ToString("N")[..10])).FullName;

    public InboxAttackTests()
    {
        Directory.CreateDirectory(Inbox);
        File.WriteAllText(Config, "warehouse: warehouse/pipeline.duckdb\nreports_out: reports\ninbox:\n  - path: inbox\n");
        RpCli.Ok("init", "--config", Config);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Config => Path.Combine(_dir, "pipeline.yaml");

    private string Inbox => Path.Combine(_dir, "inbox");

    private string Key => Path.Combine(_dir, "warehouse", "pipeline.duckdb.key");

    private string RunsMessages()
    {
        using var connection = new DuckDBConnection($"Data Source={Path.Combine(_dir, "warehouse", "pipeline.duckdb")};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "select coalesce(string_agg(message, '\n'), '') from ops.runs";
        return (string)command.ExecuteScalar()!;
    }

    private string EveryRefusedFile() => string.Concat(Directory.GetFiles(Path.Combine(Inbox, "refused"), "*.error.txt").Select(File.ReadAllText));

    [Fact]
    public void Scan_LinkToThePseudonymKey_RefusedUnreadAndTheKeyNowhere()
    {
        var key = File.ReadAllText(Key).Trim();
        File.CreateSymbolicLink(Path.Combine(Inbox, "ratings.csv"), Key);
        var (_, output, error) = RpCli.Run("run", "--config", Config);

        Assert.Contains("ratings.csv: refused: ratings.csv: a symbolic link, not a file; the inbox does not follow links", output, StringComparison.Ordinal);
        foreach (var text in new[] { output, error, EveryRefusedFile(), RunsMessages() })
        {
            Assert.DoesNotContain(key, text, StringComparison.Ordinal);
        }

        Assert.Equal(key, File.ReadAllText(Key).Trim()); // the key file itself is where it was
        Assert.True(new FileInfo(Path.Combine(Inbox, "refused", "ratings.csv")).LinkTarget is not null); // the link was moved, not its target
    }

    [Fact]
    public void Scan_HeaderlessExportOfEmails_RefusedWithoutRepeatingItsFirstRow()
    {
        File.WriteAllText(Path.Combine(Inbox, "export.csv"), "dana.secret@example.org,Dana Secret,uva-chesterfield,2\nlee.hidden@example.org,Lee Hidden,gmu-fairfax,3\n");
        var (_, output, error) = RpCli.Run("run", "--config", Config);

        Assert.Contains("export.csv: refused: export.csv row 1: not a file this pipeline knows", output, StringComparison.Ordinal);
        Assert.Contains("its first row has 4 column(s), none of them a column name this pipeline knows (is the header row missing?)", EveryRefusedFile(), StringComparison.Ordinal);
        foreach (var text in new[] { output, error, EveryRefusedFile(), RunsMessages() })
        {
            Assert.DoesNotContain("dana.secret", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Dana Secret", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Scan_ProcessedFolderIsALinkOutOfTheInbox_NothingMovedOutAndOneLineSaysWhy()
    {
        var outside = Directory.CreateDirectory(Path.Combine(_dir, "elsewhere")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(Inbox, "processed"), outside);
        File.WriteAllText(Path.Combine(Inbox, "2019.csv"), "network,framework,wave,unit,role,rater,dimension,level\nilead,ilead-dp-2018,2019,uva-chesterfield,IHE,ann@example.org,1,2\n");
        var (code, output, error) = RpCli.Run("run", "--config", Config);

        Assert.NotEqual(0, code);
        Assert.Contains("processed: is a symbolic link or a file, not a folder; the inbox moves files only into its own processed/ folder", output + error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(outside));
        Assert.True(File.Exists(Path.Combine(Inbox, "2019.csv")));
    }

    [Fact]
    public void Scan_RefusedFileWithTheLongestName_ItsReasonIsKeptAndLaterScansWork()
    {
        var name = new string('n', 251) + ".csv"; // 255 bytes: the longest a file name may be
        File.WriteAllText(Path.Combine(Inbox, name), "not,a,rating\n1,2,3\n");
        RpCli.Ok("run", "--config", Config);
        var reason = Assert.Single(Directory.GetFiles(Path.Combine(Inbox, "refused"), "*.error.txt"));
        Assert.True(Path.GetFileName(reason).Length <= 255);
        Assert.StartsWith(name + " row 1: not a file this pipeline knows", File.ReadAllText(reason), StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(Inbox, "2019.csv"), "network,framework,wave,unit,role,rater,dimension,level\nilead,ilead-dp-2018,2019,uva-chesterfield,IHE,ann@example.org,1,2\n");
        Assert.Contains("Inbox: 1 file(s) landed, 0 refused.", RpCli.Ok("run", "--config", Config), StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_YamlBombs_RefusedQuicklyAndTheNextFileLands()
    {
        // Mappings beside exports: one nested 200,000 deep (a stack overflow for a recursive reader), one a chain of aliases.
        File.WriteAllText(Path.Combine(Inbox, "deep.mapping.yaml"), new string('[', 200_000) + new string(']', 200_000) + "\n");
        File.WriteAllText(Path.Combine(Inbox, "deep.csv"), "Timestamp,Email Address\n2021/04/12 9:14:03 AM GMT-4,a@example.org\n");
        File.WriteAllText(Path.Combine(Inbox, "laughs.csv"), "Timestamp,Email Address\n2021/04/12 9:14:03 AM GMT-4,a@example.org\n");
        var laughs = new System.Text.StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var i = 1; i <= 12; i++)
        {
            laughs.Append($"a{i}: &a{i} [{string.Join(",", Enumerable.Repeat(i == 1 ? "*a" : $"*a{i - 1}", 9))}]\n");
        }

        File.WriteAllText(Path.Combine(Inbox, "laughs.mapping.yaml"), laughs.ToString());
        File.WriteAllText(Path.Combine(Inbox, "zz-2019.csv"), "network,framework,wave,unit,role,rater,dimension,level\nilead,ilead-dp-2018,2019,uva-chesterfield,IHE,ann@example.org,1,2\n");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var output = RpCli.Ok("run", "--config", Config);

        Assert.Contains("deep.csv: refused: deep.mapping.yaml: line 1: maps and lists nest more than 64 deep; nothing was read.", output, StringComparison.Ordinal);
        Assert.Contains("laughs.csv: refused: laughs.mapping.yaml: line ", output, StringComparison.Ordinal);
        Assert.Contains("more than 100 aliases (*name); nothing was read.", output, StringComparison.Ordinal);
        Assert.Contains("Inbox: 1 file(s) landed, 2 refused.", output, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Scan_AFileThatStoppedThePipelineWhileRead_SetAsideNotRetried()
    {
        // What a scan leaves when the process dies reading a file: the file in processing/.
        Directory.CreateDirectory(Path.Combine(Inbox, "processing"));
        File.WriteAllText(Path.Combine(Inbox, "processing", "poison.csv"), "network,framework,wave,unit,role,rater,dimension,level\n");
        var output = RpCli.Ok("run", "--config", Config);

        Assert.Contains("poison.csv: refused: poison.csv: the pipeline stopped while reading this file (out of memory, a kill, a crash), so it is set aside", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Inbox, "refused", "poison.csv")));
        Assert.Empty(Directory.GetFiles(Path.Combine(Inbox, "processing")));
    }

    private const string Roster = "network,unit_id,unit_name,org_id,org_name,org_kind,member_role,valid_from,valid_to\n" +
                                  "ilead,new-partnership,New Partnership,new-u,New University,IHE,IHE,2017-09-01,\n";

    private static string RatingsOf(string unit) =>
        "network,framework,wave,unit,role,rater,dimension,level\n" + string.Concat(Enumerable.Range(1, 24).Select(d => $"ilead,ilead-dp-2018,2019,{unit},IHE,ann@example.org,{d},2\n"));

    [Fact]
    public void Scan_RosterAndRatingsDroppedTogether_TheRosterLandsFirstWhateverItsName()
    {
        File.WriteAllText(Path.Combine(Inbox, "a-ratings.csv"), RatingsOf("new-partnership"));
        File.WriteAllText(Path.Combine(Inbox, "z-members.csv"), Roster); // a roster, though its name sorts last and says nothing
        var output = RpCli.Ok("run", "--config", Config);
        Assert.Contains("Inbox: 2 file(s) landed, 0 refused.", output, StringComparison.Ordinal);
        Assert.Contains("a-ratings.csv: long batch", output, StringComparison.Ordinal);
        Assert.DoesNotContain("is not in the roster", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Ingest_RatingsQuarantinedForAMissingUnit_LandAgainOnceTheRosterHasIt()
    {
        var ratings = Path.Combine(_dir, "ratings.csv");
        File.WriteAllText(ratings, RatingsOf("new-partnership"));
        Assert.Contains("quarantined 24", RpCli.Ok("ingest", ratings, "--config", Config), StringComparison.Ordinal);
        Assert.Contains("already ingested", RpCli.Ok("ingest", ratings, "--config", Config), StringComparison.Ordinal); // nothing changed: nothing to read again

        var roster = Path.Combine(_dir, "roster.csv");
        File.WriteAllText(roster, Roster);
        RpCli.Ok("ingest", roster, "--config", Config);
        var again = RpCli.Ok("ingest", ratings, "--config", Config);
        Assert.Contains("loaded 24, quarantined 0", again, StringComparison.Ordinal);
        Assert.Contains("already ingested", RpCli.Ok("ingest", ratings, "--config", Config), StringComparison.Ordinal);
    }
}
