using ResearchPipeline.TestSupport;

namespace ResearchPipeline.Jobs.Tests.Commands.Publish;

[Trait(TestCategory.Trait, TestCategory.EndToEnd)]
public sealed class SnapshotRepublishTests : IDisposable
{
    private readonly SmallWarehouse _w = new();

    public void Dispose() => _w.Dispose();

    [Fact]
    public void Publish_WhileAResearcherHoldsTheSnapshotOpen_NotBlockedAndTheReaderKeepsOneConsistentVersion()
    {
        const string Sql = "select count(*) from research.ratings union all select max(wave_id) from research.stage_history";
        using var reader = System.Diagnostics.Process.Start(CClient.StartInfo(_w.Snapshot, Sql, hold: true))!;
        Assert.Equal(["432", "2020", "done"], ReadUntilDone(reader));

        // New ratings for 2021 land, are transformed and published while the researcher's connection is open.
        var more = new System.Text.StringBuilder("network,framework,wave,unit,role,rater,dimension,level,rated_at,is_consensus,comment\n");
        for (var d = 1; d <= 24; d++)
        {
            more.Append(System.Globalization.CultureInfo.InvariantCulture, $"ilead,ilead-dp-2018,2021,uva-chesterfield,JOINT,,{d},3,2021-05-01,true,\n");
        }

        _w.Rp("ingest", _w.Write("more.csv", more.ToString()));
        _w.Rp("transform");
        Assert.Contains("Published", _w.Rp("publish"), StringComparison.Ordinal);

        // The open connection still sees the snapshot it opened, whole; a new one sees the new snapshot.
        reader.StandardInput.WriteLine("again");
        Assert.Equal(["432", "2020", "done"], ReadUntilDone(reader));
        reader.StandardInput.Close();
        reader.WaitForExit();
        Assert.Equal(0, reader.ExitCode);
        var (code, fresh, error) = CClient.Run(_w.Snapshot, Sql);
        Assert.True(code == 0, error);
        Assert.Equal(["456", "2021", "done"], fresh);
    }

    [Fact]
    public void Publish_NewBatchNotYetTransformed_RefusedAndOldSnapshotKept()
    {
        var before = File.ReadAllBytes(_w.Snapshot);
        _w.Rp("ingest", _w.Write("late.csv", "network,framework,wave,unit,role,rater,dimension,level,rated_at,is_consensus,comment\nilead,ilead-dp-2018,2021,gmu-fairfax,LEA,lee@example.org,1,2,,false,\n"));
        var (code, _, error) = _w.TryRp("publish");
        Assert.Equal(2, code);
        Assert.StartsWith("rp: Not publishing: batch 3 landed after the last transform (which took in batches up to 2). Run 'rp transform' first.", error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(_w.Snapshot));
    }

    private static List<string> ReadUntilDone(System.Diagnostics.Process process)
    {
        var lines = new List<string>();
        while (process.StandardOutput.ReadLine() is { } line)
        {
            lines.Add(line);
            if (line == "done")
            {
                break;
            }
        }

        Assert.True(lines.LastOrDefault() == "done", "client said: " + string.Join(" / ", lines) + " " + (process.HasExited ? process.StandardError.ReadToEnd() : ""));
        return lines;
    }
}
