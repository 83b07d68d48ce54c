using ResearchPipeline.Ingest;
using ResearchPipeline.Reports.Partner;
using ResearchPipeline.TestSupport;
using ResearchPipeline.Transform.Runner;

namespace ResearchPipeline.Reports.Tests.Partner;

/// <summary>The partner report's data notes: raters counted as the hub counts them, silent partners named, set-aside rows in their own wave.</summary>
public sealed class PartnerDataNotesTests : IDisposable
{
    private readonly TempWarehouse _w = new();

    public void Dispose() => _w.Dispose();

    [Fact]
    public void Render_ConsensusEntryNotARater_SilentDistrictNamed_QuarantinedRowsInTheirWave()
    {
        const string unit = "gmu-fairfax";
        IngestService.IngestFile(_w.Connection, _w.WriteFile("r.csv", string.Join("\n",
            "network,framework,wave,unit,role,rater,dimension,level,rated_at,is_consensus,comment",
            $"ilead,ilead-dp-2018,2021,{unit},IHE,a@gmu.edu,1,2,,false,",
            $"ilead,ilead-dp-2018,2021,{unit},LEA,d@fcps.edu,1,2,,false,",
            $"ilead,ilead-dp-2018,2022,{unit},IHE,a@gmu.edu,1,3,,false,",
            $"ilead,ilead-dp-2018,2022,{unit},IHE,b@gmu.edu,1,3,,false,",
            $"ilead,ilead-dp-2018,2022,{unit},JOINT,,1,4,,true,",
            $"ilead,ilead-dp-2018,2022,{unit},IHE,c@gmu.edu,2,9,,false,",
            $"ilead,ilead-dp-2018,2021,{unit},IHE,c@gmu.edu,2,9,,false,",
            $"ilead,ilead-dp-2018,1999,{unit},IHE,c@gmu.edu,3,2,,false,") + "\n"), TempWarehouse.Options);
        new ModelRunner(_w.Connection, TimeProvider.System).Build();
        var context = new ReportContext(Path.Combine(_w.Folder, "reports"), 1, "test");
        var html = System.Net.WebUtility.HtmlDecode(File.ReadAllText(PartnerReport.Write(_w.Connection, unit, "2022", context)));

        // Two people rated objective 1 individually; the team's consensus entry set the stage and is not a third rater.
        Assert.Contains("Stage 4 · Institutionalizing and sustaining the work, up from 2 in 2021. (the team's consensus rating; 2 individual raters too)", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th scope=\"row\">All roles (each person once)</th><td>2</td><td>yes</td>", html, StringComparison.Ordinal);
        var hub = System.Net.WebUtility.HtmlDecode(File.ReadAllText(Hub.HubReport.Write(_w.Connection, "ilead-dp-2018", "2022", context)));
        Assert.Contains("<tr><th scope=\"row\">George Mason University & Fairfax County Public Schools</th><td>2</td>", hub, StringComparison.Ordinal); // the hub's count is the same

        // The district had no rater in 2022 (it had in 2021): named.
        Assert.Contains("No district (LEA) rater in 2022: Fairfax County Public Schools did not rate individually.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("No university (IHE) rater", html, StringComparison.Ordinal);

        // One set-aside row belongs to 2022, one to 2021 (not this report's), one to a wave that could not be read.
        Assert.Contains("1 row(s) of your 2022 submissions could not be read and were set aside (quarantined); the hub can show you which and why. 1 more row(s) naming your partnership were set aside with a wave that could not be read.", html, StringComparison.Ordinal);
        var earlier = System.Net.WebUtility.HtmlDecode(File.ReadAllText(PartnerReport.Write(_w.Connection, unit, "2021", context)));
        Assert.Contains("1 row(s) of your 2021 submissions could not be read", earlier, StringComparison.Ordinal);
        Assert.Equal([(object?)"2021", "2022", null], _w.Rows($"select wave_id from marts.unit_quarantine where unit_id = '{unit}' order by wave_id nulls last").Select(r => r[0]));
    }
}
