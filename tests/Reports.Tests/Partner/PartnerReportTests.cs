using System.Text.RegularExpressions;
using ResearchPipeline.Models;
using ResearchPipeline.Reports.Partner;

namespace ResearchPipeline.Reports.Tests.Partner;

public sealed partial class PartnerReportTests(SampleReportFixture fixture) : IClassFixture<SampleReportFixture>
{
    [Fact]
    public void Write_StablePath()
    {
        Assert.EndsWith(Path.Combine("partner", "uva-chesterfield-2022.html"), fixture.UvaPath, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PlotlyInlinedOnce_NoExternalScript()
    {
        var html = fixture.UvaHtml;
        Assert.Single(Regex.Matches(html, @"\* plotly\.js \(basic - minified\) v2\.28\.0")); // the smallest bundle that draws its charts
        Assert.DoesNotMatch(@"\* plotly\.js v\d", html);
        Assert.True(html.Length < 1_500_000, $"{html.Length} characters");
        Assert.DoesNotMatch(ScriptSrc(), html);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_FirstScreen_NamesWhatMovedWhereItStandsAndWhatToFocusOn()
    {
        var glance = fixture.UvaHtml[fixture.UvaHtml.IndexOf("<section class=\"glance\"", StringComparison.Ordinal)..];
        glance = glance[..glance.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.True(fixture.UvaHtml.IndexOf("<section class=\"glance\"", StringComparison.Ordinal) < fixture.UvaHtml.IndexOf("<h2>Summary</h2>", StringComparison.Ordinal));

        // What moved, as the marts say: every objective whose stage changed since the last rated wave, by name.
        var changes = fixture.Warehouse.Rows("""
            select d.number || '. ' || d.title, h.stage_change from marts.stage_history h
            join research.dimensions d on d.framework_id = h.framework_id and d.dimension_code = h.dimension_code
            where h.unit_id = 'uva-chesterfield' and h.wave_id = '2022' and h.role_code = 'ALL' and h.stage_change <> 0
            """).Select(r => (Title: (string)r[0]!, Change: Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.NotEmpty(changes);
        foreach (var (title, change) in changes)
        {
            var list = change > 0 ? "Moved up" : "Moved down";
            var item = glance[glance.IndexOf(list, StringComparison.Ordinal)..];
            item = item[..item.IndexOf("</li>", StringComparison.Ordinal)];
            Assert.Contains(System.Net.WebUtility.HtmlEncode(title), item, StringComparison.Ordinal);
        }

        Assert.Contains("network median:</strong>", glance, StringComparison.Ordinal);
        var focus = System.Text.RegularExpressions.Regex.Count(glance, "<div class=\"focus\">");
        Assert.InRange(focus, 3, 5);
        Assert.Contains("Next stage:", glance, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_BenchmarkChart_HoverSaysTheRangeAndTheMedianDoesNotHideYourStage()
    {
        var chart = fixture.UvaHtml[fixture.UvaHtml.IndexOf("id=\"benchmark\"", StringComparison.Ordinal)..];
        chart = chart[..chart.IndexOf("</script>", StringComparison.Ordinal)];
        Assert.Contains("\"name\":\"below 25th percentile\",\"hoverinfo\":\"skip\"", chart, StringComparison.Ordinal); // the invisible helper bar says nothing
        Assert.Matches("\"customdata\":\\[\"[0-9.]+\\\\u2013[0-9.]+\"", chart); // the range as "2–3"
        Assert.Contains("network middle half: stages %{customdata}", chart, StringComparison.Ordinal);
        Assert.Contains("\"symbol\":\"diamond-open\"", chart, StringComparison.Ordinal);
        Assert.True(chart.IndexOf("\"Network median\"", StringComparison.Ordinal) < chart.IndexOf("\"Your stage\"", StringComparison.Ordinal)); // drawn under your dot
    }

    [Fact]
    public void Render_Tables_NameEveryObjectiveByItsWholeTitle()
    {
        var titles = fixture.Warehouse.Rows("select number, title from research.dimensions where framework_id = 'ilead-dp-2018' order by number")
            .Select(r => $"{r[0]}. {r[1]}").ToList();
        Assert.Equal(24, titles.Count);
        Assert.Contains(titles, t => t.Length > 50); // titles that the charts' axes shorten
        foreach (var title in titles)
        {
            Assert.Contains($"<th scope=\"row\">{System.Net.WebUtility.HtmlEncode(title)}</th>", fixture.UvaHtml, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Render_Trajectories_EveryCellIsTheMartsStageColouredWithItsMove()
    {
        // Independent of the report: the stages by wave as the mart holds them, and the moves recomputed here.
        var marts = fixture.Warehouse.Rows("""
            select d.number, h.wave_id, h.stage from marts.stage_history h
            join research.dimensions d on d.framework_id = h.framework_id and d.dimension_code = h.dimension_code
            where h.unit_id = 'uva-chesterfield' and h.role_code = 'ALL' and h.wave_seq <= (select wave_seq from core.waves where wave_id = '2022' and network_id = 'ilead')
            """).ToDictionary(r => (Convert.ToInt32(r[0], System.Globalization.CultureInfo.InvariantCulture), (string)r[1]!), r => Convert.ToInt32(r[2], System.Globalization.CultureInfo.InvariantCulture));
        var waves = new[] { "2018", "2019", "2020", "2021", "2022" };
        var rows = Regex.Matches(fixture.UvaHtml, "<tr><th scope=\"row\">(\\d+)\\. [^<]*</th>((?:<td[^>]*>.*?</td>)+)</tr>")
            .Where(m => m.Groups[2].Value.Contains("class=\"stage", StringComparison.Ordinal) || m.Groups[2].Value.Contains("not-rated", StringComparison.Ordinal)).ToList();
        Assert.Equal(24, rows.Count);
        var notRated = 0;
        foreach (var row in rows)
        {
            var number = int.Parse(row.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var cells = Regex.Matches(row.Groups[2].Value, "<td class=\"([^\"]*)\">(.*?)</td>").ToList();
            Assert.Equal(waves.Length, cells.Count);
            int? before = null;
            for (var i = 0; i < waves.Length; i++)
            {
                var (css, text) = (cells[i].Groups[1].Value, System.Net.WebUtility.HtmlDecode(cells[i].Groups[2].Value));
                if (!marts.TryGetValue((number, waves[i]), out var stage))
                {
                    Assert.Equal(("not-rated", "not rated"), (css, text));
                    notRated++;
                    continue;
                }

                Assert.Equal($"stage stage-{stage}-of-4", css);
                Assert.StartsWith($"{stage} · ", text, StringComparison.Ordinal);
                Assert.Equal(before is { } b && stage > b, text.Contains('▲', StringComparison.Ordinal));
                Assert.Equal(before is { } c && stage < c, text.Contains('▼', StringComparison.Ordinal));
                before = stage;
            }
        }

        Assert.Equal(24 * waves.Length - marts.Count, notRated);
        // "Not rated" looks like no stage: hatched, not the colour of stage 1.
        Assert.Contains("td.not-rated { color: var(--muted); font-style: italic; background: repeating-linear-gradient", fixture.UvaHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UniversityAndDistrictViews_SayHowAlikeWithTheKappaAndItsInterval()
    {
        // gmu-fairfax has at least 3 raters on each side: its view is shown, with the agreement the mart holds.
        var html = System.Net.WebUtility.HtmlDecode(File.ReadAllText(PartnerReport.Write(fixture.Warehouse.Connection, "gmu-fairfax", "2022", fixture.Context)));
        var k = fixture.Warehouse.Rows("select n_objectives, kappa_quadratic, ci_low, ci_high from marts.role_agreement where unit_id = 'gmu-fairfax' and wave_id = '2022'").Single();
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"How alike the two views are over the {k[0]} objectives both sides rated: weighted kappa {Convert.ToDouble(k[1], System.Globalization.CultureInfo.InvariantCulture):0.00} (95% interval {Convert.ToDouble(k[2], System.Globalization.CultureInfo.InvariantCulture):0.00}–{Convert.ToDouble(k[3], System.Globalization.CultureInfo.InvariantCulture):0.00})."), html, StringComparison.Ordinal);
        // Where the view is not shown (too few raters on a side), neither is its agreement.
        Assert.Contains("Not shown for 2022: each side needs at least 3 raters", fixture.UvaHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("weighted kappa", fixture.UvaHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_OneSectionPerObjective_WithDescriptors()
    {
        var sections = ObjectiveSection().Matches(fixture.UvaHtml).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(Enumerable.Range(1, 24).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), sections);
        Assert.Contains("class=\"descriptor next\"", fixture.UvaHtml, StringComparison.Ordinal);
        Assert.Contains("synthetic sample data", fixture.UvaHtml, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Render_DistrictPartnerChanged_BothSidesOfTheChangeNamedWithTheDate()
    {
        var html = File.ReadAllText(PartnerReport.Write(fixture.Warehouse.Connection, "psu-portland", "2022", fixture.Context));
        Assert.Contains("Partners: Portland State University (IHE); Newberg School District (LEA, until 2020-06-30); Portland Public Schools (LEA, from 2020-07-01)", html, StringComparison.Ordinal);
        var before = File.ReadAllText(PartnerReport.Write(fixture.Warehouse.Connection, "psu-portland", "2019", fixture.Context));
        Assert.Equal("Partners: Portland State University (IHE); Newberg School District (LEA)", Regex.Match(before, "Partners: [^<]*").Value);
    }

    [Fact]
    public void Write_EveryPartnerReport_NamesNoOtherPartnershipOrItsMembers()
    {
        var roster = ReferenceData.RosterCsv().Split('\n').Skip(1).Where(l => l.StartsWith("ilead,", StringComparison.Ordinal)).Select(l => l.Split(',')).ToList();
        var units = roster.Select(r => r[1]).Distinct().Append(SampleReportFixture.HostileUnit).ToList();
        var context = fixture.Context with { OutputDirectory = Path.Combine(fixture.Warehouse.Folder, "all-partners") };
        foreach (var unit in units)
        {
            var html = File.ReadAllText(PartnerReport.Write(fixture.Warehouse.Connection, unit, "2022", context));
            var own = roster.Where(r => r[1] == unit).SelectMany(r => new[] { r[2], r[4] }).ToHashSet();
            foreach (var other in roster.Where(r => r[1] != unit))
            {
                Assert.DoesNotContain(other[1], html, StringComparison.Ordinal);
                foreach (var name in new[] { other[2], other[4] }.Where(n => !own.Any(o => o.Contains(n, StringComparison.Ordinal))))
                {
                    Assert.False(html.Contains(System.Net.WebUtility.HtmlEncode(name), StringComparison.Ordinal), $"{unit}'s report names {name}");
                }
            }

            if (unit != SampleReportFixture.HostileUnit)
            {
                Assert.DoesNotContain("hostile", html, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("__pwnedComment", html, StringComparison.Ordinal); // comments stay out of partner reports
            }
        }
    }

    [Fact]
    public void Render_NamesNoOtherPartnership()
    {
        var roster = ReferenceData.RosterCsv().Split('\n').Skip(1).Where(l => l.StartsWith("ilead,", StringComparison.Ordinal)).Select(l => l.Split(','));
        foreach (var row in roster.Where(r => r[1] != "uva-chesterfield"))
        {
            Assert.DoesNotContain(row[1], fixture.UvaHtml, StringComparison.Ordinal);
            Assert.DoesNotContain(System.Net.WebUtility.HtmlEncode(row[2]), fixture.UvaHtml, StringComparison.Ordinal);
            Assert.DoesNotContain(System.Net.WebUtility.HtmlEncode(row[4]), fixture.UvaHtml, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("hostile", fixture.UvaHtml, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Render_DataText_IsEscaped()
    {
        var html = File.ReadAllText(fixture.HostilePath);
        Assert.DoesNotContain("<script>window.__pwned", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;window.__pwned=1&lt;/script&gt; &amp; Co", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SmallNetwork_BenchmarkSuppressed()
    {
        var strict = fixture.Context with { OutputDirectory = Path.Combine(fixture.Warehouse.Folder, "strict"), MinCellSize = 50 };
        var html = File.ReadAllText(PartnerReport.Write(fixture.Warehouse.Connection, "uva-chesterfield", "2022", strict));
        Assert.Contains("Network benchmark suppressed: fewer than 50 partnerships", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Network median\",\"mode\":\"markers\",\"x\":[2", html, StringComparison.Ordinal);

        // Shown in place on the chart: every objective's row hatched, with the reason on hover and in the text alternative.
        var chart = html[html.IndexOf("id=\"benchmark\"", StringComparison.Ordinal)..];
        chart = chart[..chart.IndexOf("</script>", StringComparison.Ordinal)];
        var band = Regex.Match(chart, "\\{\"type\":\"bar\",\"name\":\"Network not shown: fewer than 50 partnerships\",\"hovertemplate\":\"[^\"]*fewer than 50 partnerships rated it[^\"]*\"[^}]*\"x\":\\[([^\\]]*)\\],\"y\":\\[([^\\]]*)\\]");
        Assert.True(band.Success, "the suppressed band's trace");
        Assert.Equal(24, band.Groups[2].Value.Split("\",\"").Length);
        Assert.Contains("\"pattern\":{\"shape\":\"\\\\\"", chart, StringComparison.Ordinal);
        Assert.Contains("The network is not shown on 24 objectives, rated by fewer than 50 partnerships.", chart, StringComparison.Ordinal);
        Assert.DoesNotContain("Network not shown", fixture.UvaHtml[fixture.UvaHtml.IndexOf("id=\"benchmark\"", StringComparison.Ordinal)..], StringComparison.Ordinal); // none at k = 5
    }

    [GeneratedRegex("<script[^>]+src=", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptSrc();

    [GeneratedRegex("<section class=\"objective\" id=\"objective-(\\d+)\"")]
    private static partial Regex ObjectiveSection();
}
