using ResearchPipeline.TestSupport;

namespace ResearchPipeline.Jobs.Tests;

/// <summary>
/// Identities typed into the wrong field (an email as the partnership, a name as the role, a pasted letter signed by
/// its author as the comment) are quarantined with their values in the working warehouse only: the snapshot, its
/// dictionary, the exports, the reports and the run log hold none of them, not even quoted in a reason.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.EndToEnd)]
public sealed class WrongFieldPrivacyTests : IDisposable
{
    private const string Email = "dana.wrong@example.org";
    private const string Name = "Dana Wrongfield";
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rp-wrongfield-" + Guid.NewGuid().ToString("N")[..10])).FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Rp(params string[] args) => RpCli.Ok([.. args, "--warehouse", Path.Combine(_dir, "warehouse", "pipeline.duckdb")]);

    [Fact]
    public void IdentitiesInTheWrongFields_NowhereInTheSnapshotExportsReportsOrRunLog()
    {
        var csv = new System.Text.StringBuilder("network,framework,wave,unit,role,rater,dimension,level,rated_at,is_consensus,comment\n");
        foreach (var unit in new[] { "uva-chesterfield", "gmu-fairfax" })
        {
            for (var r = 0; r < 6; r++)
            {
                for (var d = 1; d <= 24; d++)
                {
                    csv.Append($"ilead,ilead-dp-2018,2021,{unit},IHE,rater{r}.{unit}@example.org,{d},{1 + ((d + r) % 4)},,false,\n");
                }
            }
        }

        csv.Append($"ilead,ilead-dp-2018,2021,{Email},IHE,rater9@example.org,1,2,,false,\n"); // an email as the partnership
        csv.Append($"ilead,ilead-dp-2018,2021,uva-chesterfield,{Name},rater9@example.org,2,2,,false,\n"); // a name as the role
        csv.Append($"ilead,ilead-dp-2018,2021,uva-chesterfield,IHE,rater9@example.org,3,2,,false,\"{Name} here, writing for the team. {new string('x', 40_000)} Signed {Name}\"\n");
        var file = Path.Combine(_dir, "ratings.csv");
        File.WriteAllText(file, csv.ToString());

        Rp("init");
        var ingest = Rp("ingest", file);
        Assert.Contains("quarantined 3", ingest, StringComparison.Ordinal);
        Rp("transform");
        Rp("publish");
        var reports = Path.Combine(_dir, "reports");
        Rp("report", "hub", "--out", reports);
        Rp("report", "partner", "--all", "--out", reports);
        Rp("export", "--format", "csv", "--out", Path.Combine(_dir, "exports"));

        var published = Directory.GetFiles(Path.Combine(_dir, "warehouse", "published"), "*", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(reports, "*", SearchOption.AllDirectories))
            .Concat(Directory.GetFiles(Path.Combine(_dir, "exports"), "*", SearchOption.AllDirectories)).ToList();
        Assert.Contains(published, f => f.EndsWith("snapshot.duckdb", StringComparison.Ordinal));
        Assert.Contains(published, f => f.EndsWith(".html", StringComparison.Ordinal) && f.Contains("hub", StringComparison.Ordinal));
        foreach (var path in published)
        {
            var text = PrivacyScanTests.Contents(path);
            Assert.False(text.Contains(Email, StringComparison.Ordinal) || text.Contains(Name.ToLowerInvariant(), StringComparison.Ordinal),
                $"an identity typed into the wrong field is in {Path.GetRelativePath(_dir, path)}");
        }

        // The snapshot still says why each record was set aside, without the value.
        var reasons = Rp("query", "select reason from ops.quarantine order by source_row", "--format", "csv");
        Assert.Contains("unit \"\"…\"\" is not in the roster", reasons, StringComparison.Ordinal); // CSV doubles the quotes
        Assert.Contains("role \"\"…\"\" is not a role of ilead-dp-2018", reasons, StringComparison.Ordinal);

        // The run log of the working warehouse too.
        using var connection = new DuckDB.NET.Data.DuckDBConnection($"Data Source={Path.Combine(_dir, "warehouse", "pipeline.duckdb")};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "select lower(coalesce(string_agg(message, ' '), '')) from ops.runs";
        var runs = (string)command.ExecuteScalar()!;
        Assert.DoesNotContain(Email, runs, StringComparison.Ordinal);
        Assert.DoesNotContain(Name.ToLowerInvariant(), runs, StringComparison.Ordinal);
    }
}
