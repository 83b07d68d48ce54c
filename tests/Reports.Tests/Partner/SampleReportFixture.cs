using ResearchPipeline.Ingest;
using ResearchPipeline.Reports.Partner;
using ResearchPipeline.TestSupport;
using ResearchPipeline.Transform.Runner;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Reports.Tests.Partner;

/// <summary>One warehouse built from the committed samples (plus a partnership with a hostile name), and its reports.</summary>
public sealed class SampleReportFixture : IDisposable
{
    public const string HostileUnit = "hostile-unit";
    public const string HostileName = "<script>window.__pwned=1</script> & Co";
    public const string HostileComment = "<script>window.__pwnedComment=1</script> we \"tried\" & failed";

    /// <summary>
    /// The warehouse and its reports are built once per test process (ingest, build, four reports: a few seconds) and
    /// each class's fixture is a copy of that folder with its own connection: classes run side by side, and one DuckDB
    /// connection is not shared between threads.
    /// </summary>
    private static readonly Lazy<SampleReportFixture> Built = new(() =>
    {
        var built = new SampleReportFixture(new TempWarehouse());
        Db.Execute(built.Warehouse.Connection, "checkpoint"); // the file alone holds everything: copies need no log
        AppDomain.CurrentDomain.ProcessExit += (_, _) => built.Dispose();
        return built;
    });

    public SampleReportFixture()
    {
        var built = Built.Value;
        Warehouse = TempWarehouse.CopyOf(built.Warehouse.Folder);
        string Here(string path) => Path.Combine(Warehouse.Folder, Path.GetRelativePath(built.Warehouse.Folder, path));
        Context = built.Context with { OutputDirectory = Here(built.Context.OutputDirectory) };
        UvaPath = Here(built.UvaPath);
        UvaHtml = built.UvaHtml;
        HostilePath = Here(built.HostilePath);
        HubPath = Here(built.HubPath);
        IcPath = Here(built.IcPath);
    }

    /// <summary>Builds the sample warehouse and its reports in <paramref name="warehouse"/>.</summary>
    private SampleReportFixture(TempWarehouse warehouse)
    {
        Warehouse = warehouse;
        var roster = Warehouse.WriteFile("roster.csv",
            "network,unit_id,unit_name,org_id,org_name,org_kind,member_role,valid_from,valid_to\n" +
            $"ilead,{HostileUnit},\"{HostileName}\",hostile-org,Hostile Org,IHE,IHE,2017-09-01,\n");
        IngestService.IngestFile(Warehouse.Connection, roster, TempWarehouse.Options);
        IngestService.IngestFile(Warehouse.Connection, Path.Combine(Repository.Samples, "ilead-ratings.csv"), TempWarehouse.Options);
        var extra = Warehouse.WriteFile("hostile.csv",
            "network,framework,wave,unit,role,rater,dimension,level,rated_at,is_consensus,comment\n" +
            $"ilead,ilead-dp-2018,2022,{HostileUnit},IHE,x@y.z,1,2,,false,\n" +
            $"ilead,ilead-dp-2018,2022,uva-chesterfield,HUB,hub@y.z,3,2,,false,\"{HostileComment.Replace("\"", "\"\"", StringComparison.Ordinal)}\"\n");
        IngestService.IngestFile(Warehouse.Connection, extra, TempWarehouse.Options);
        IngestService.IngestFile(Warehouse.Connection, Path.Combine(Repository.Samples, "txnsi-ic-ratings.csv"), TempWarehouse.Options);
        new ModelRunner(Warehouse.Connection, TimeProvider.System).Build();
        Context = new ReportContext(Path.Combine(Warehouse.Folder, "reports"), 5, "test");
        UvaPath = PartnerReport.Write(Warehouse.Connection, "uva-chesterfield", "2022", Context);
        UvaHtml = File.ReadAllText(UvaPath);
        HostilePath = PartnerReport.Write(Warehouse.Connection, HostileUnit, "2022", Context);
        HubPath = Hub.HubReport.Write(Warehouse.Connection, "ilead-dp-2018", "2022", Context);
        IcPath = ResearchPipeline.Reports.Ic.IcReport.Write(Warehouse.Connection, "txnsi-r10-campus-a1", "2023-spring", Context);
    }

    public TempWarehouse Warehouse { get; }

    public ReportContext Context { get; }

    public string UvaPath { get; }

    public string UvaHtml { get; }

    public string HostilePath { get; }

    public string HubPath { get; }

    public string IcPath { get; }

    /// <summary>A one-figure paper pack's figure page (the transitions).</summary>
    public string PaperFigure()
    {
        var spec = new ResearchPipeline.Reports.Paper.PaperSpec("browser-pack", "ilead-dp-2018", ["transitions"], []);
        var pack = ResearchPipeline.Reports.Paper.PaperPack.Write(Warehouse.Connection, spec, Context with { OutputDirectory = Path.Combine(Warehouse.Folder, "paper-browser") },
            ResearchPipeline.Reports.Paper.PaperPack.SaltFor("paper-test-key-0123456789abcdef"u8.ToArray(), spec.Name));
        return pack.Files.Single(f => f.EndsWith(".html", StringComparison.Ordinal));
    }

    /// <summary>The sample report of a kind: partner, hub, ic or paper.</summary>
    public string PathOf(string kind) => kind switch
    {
        "partner" => UvaPath,
        "hub" => HubPath,
        "ic" => IcPath,
        "paper" => PaperFigure(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "partner, hub, ic or paper"),
    };

    public void Dispose() => Warehouse.Dispose();
}
