using System.Text;

namespace ResearchPipeline.Jobs.Tests;

/// <summary>
/// A small warehouse built through `rp`, published: three partnerships over two waves, one of them added by a roster
/// CSV whose name is a spreadsheet formula, one rating with a comment and raters named by email.
/// </summary>
public sealed class SmallWarehouse : IDisposable
{
    public const string SecretComment = "SECRET-COMMENT-7c1 call Dana on 555-0100";
    public const string RaterEmail = "zed.secret@example.org";
    public const string FormulaName = "=HYPERLINK(\"http://evil.example\",\"click\")";

    private static readonly Lazy<string> Built = new(Build);

    /// <summary>A copy of the small warehouse (its folder: warehouse, key, published snapshot, the files ingested) of its own.</summary>
    public SmallWarehouse()
        : this(NewFolder())
    {
        TestSupport.Folders.Copy(Built.Value, Folder);
    }

    private SmallWarehouse(string folder)
    {
        Folder = folder;
        Warehouse = Path.Combine(Folder, "warehouse", "pipeline.duckdb");
    }

    private static string NewFolder() =>
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rp-small-" + Guid.NewGuid().ToString("N")[..10])).FullName;

    /// <summary>
    /// Builds the warehouse through `rp` (about 2 s, most of it the first transform and publish) into a folder kept
    /// until the test process ends; every <see cref="SmallWarehouse"/> is a copy of that folder (a few milliseconds).
    /// </summary>
    private static string Build()
    {
        var built = new SmallWarehouse(NewFolder());
        AppDomain.CurrentDomain.ProcessExit += (_, _) => built.Dispose();
        var roster = built.Write("roster.csv", $"""
            network,unit_id,unit_name,org_id,org_name,org_kind,member_role,valid_from,valid_to
            ilead,syn-formula,"{FormulaName.Replace("\"", "\"\"", StringComparison.Ordinal)}",syn-u,Synthetic University,IHE,IHE,2017-09-01,

            """);
        var ratings = new StringBuilder("network,framework,wave,unit,role,rater,dimension,level,rated_at,is_consensus,comment\n");
        foreach (var (unit, wave, shift) in new[] { ("uva-chesterfield", "2019", 0), ("uva-chesterfield", "2020", 1), ("gmu-fairfax", "2019", 1), ("gmu-fairfax", "2020", 1), ("syn-formula", "2019", 0), ("syn-formula", "2020", 2) })
        {
            for (var d = 1; d <= 24; d++)
            {
                for (var r = 0; r < 3; r++)
                {
                    var level = Math.Clamp(1 + ((d + r) % 3) + shift, 1, 4);
                    if (d is 16 or 22 or 23 or 24)
                    {
                        level = Math.Max(level, 2);
                    }

                    var rater = r == 0 ? RaterEmail : $"rater{r}.{unit}@example.org";
                    var comment = unit == "gmu-fairfax" && d == 3 && r == 0 && wave == "2020" ? SecretComment : "";
                    ratings.Append(Line(unit, wave, rater, d, level, comment));
                }
            }
        }

        built.Rp("init");
        built.Rp("ingest", roster);
        built.Rp("ingest", built.Write("ratings.csv", ratings.ToString()));
        built.Rp("transform");
        built.Rp("publish");
        return built.Folder;
    }

    public string Folder { get; }

    public string Warehouse { get; }

    public string Published => Path.Combine(Folder, "warehouse", "published");

    public string Snapshot => Path.Combine(Published, "snapshot.duckdb");

    public string Rp(params string[] args) => RpCli.Ok([.. args, "--warehouse", Warehouse]);

    public (int Code, string Out, string Err) TryRp(params string[] args) => RpCli.Run([.. args, "--warehouse", Warehouse]);

    public string Write(string name, string content)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private static string Line(string unit, string wave, string rater, int d, int level, string comment) =>
        $"ilead,ilead-dp-2018,{wave},{unit},IHE,{rater},{d},{level},{wave}-05-01,false,\"{comment}\"\n";
}

/// <summary>One small published warehouse shared by the tests of a class that only read it (or write apart from the others).</summary>
public sealed class SmallWarehouseFixture : IDisposable
{
    public SmallWarehouse Warehouse { get; } = new();

    public void Dispose() => Warehouse.Dispose();
}
