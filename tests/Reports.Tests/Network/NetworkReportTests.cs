using System.Text.RegularExpressions;
using ResearchPipeline.Reports.Hub;
using ResearchPipeline.Reports.Ic;
using ResearchPipeline.Reports.Paper;
using ResearchPipeline.Reports.Tests.Partner;

namespace ResearchPipeline.Reports.Tests.Network;

/// <summary>The hub review, the IC-map report and the paper pack, read as HTML and files.</summary>
public sealed partial class NetworkReportTests(SampleReportFixture fixture) : IClassFixture<SampleReportFixture>
{
    [Fact]
    public void Hub_EveryChartHasItsTableAndDataIsEscaped()
    {
        var html = File.ReadAllText(fixture.HubPath);
        Assert.EndsWith(Path.Combine("hub", "2022.html"), fixture.HubPath, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, @"\* plotly\.js v\d"));
        var charts = Regex.Matches(html, "<div class=\"chart\" id=\"([a-z-]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["stage-distribution", "transitions", "regressions", "shared-needs", "agreement", "response-rates"], charts);
        Assert.True(Regex.Count(html, "<table class=\"data\">") >= charts.Count + 3);
        Assert.Single(Regex.Matches(html, "<table class=\"data stages\">")); // partnerships × objectives, colour-coded
        Assert.Contains("\"type\":\"sankey\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(SampleReportFixture.HostileComment, html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;window.__pwnedComment=1&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("University of Virginia &amp; Chesterfield County Public Schools", html, StringComparison.Ordinal); // identified, for the hub
        Assert.Contains("Synthetic sample data", html, StringComparison.Ordinal);
        Assert.Matches("framework ilead-dp-2018 \\(Draft 02/18\\) · snapshot: not published · ResearchPipeline test", html);
    }

    [Fact]
    public void Ic_TeamLevelsNetworkDistributionNoOtherTeamNamed()
    {
        var html = File.ReadAllText(fixture.IcPath);
        Assert.Equal(["ic-movement", "ic-network"], Regex.Matches(html, "<div class=\"chart\" id=\"([a-z-]+)\"").Select(m => m.Groups[1].Value));
        Assert.Contains("Region 10 District A Campus 1 (synthetic)", html, StringComparison.Ordinal);
        foreach (var other in new[] { "txnsi-r10-campus-a2", "Campus 2", "txnsi-r11", "District B" })
        {
            Assert.DoesNotContain(other, html, StringComparison.Ordinal);
        }

        var strict = IcReport.Render(fixture.Warehouse.Connection, "txnsi-r10-campus-a1", "2023-spring", fixture.Context with { MinCellSize = 6 });
        Assert.Contains("suppressed", strict, StringComparison.Ordinal);
    }

    [Fact]
    public void Ic_OneLevelNumberingEverywhere_OutcomeTitlesInEveryTable()
    {
        var html = File.ReadAllText(fixture.IcPath);
        // Every level a reader sees is the maps' own: "Level N", with Level 1 = Ideal; no progress ranks, no axis reading 1 = Entry.
        Assert.DoesNotContain("1 = Entry", html, StringComparison.Ordinal);
        Assert.DoesNotContain("progress", html[..html.IndexOf("<footer>", StringComparison.Ordinal)], StringComparison.OrdinalIgnoreCase);
        var levels = fixture.Warehouse.Rows("""
            select role_code, dimension_code, level_value, progress_rank from marts.ic_role_outcome_levels
            where unit_id = 'txnsi-r10-campus-a1' and wave_id = '2023-spring'
            """);
        Assert.NotEmpty(levels);
        var grid = html[html.IndexOf("<caption>Level per outcome and role in 2023-spring", StringComparison.Ordinal)..];
        grid = grid[..grid.IndexOf("</table>", StringComparison.Ordinal)];
        var cells = Regex.Matches(grid, "<td class=\"stage stage-(\\d)-of-5\">Level (\\d)").Select(m => (Rank: int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Level: int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(levels.Count, cells.Count);
        Assert.All(cells, c => Assert.Equal(6 - c.Level, c.Rank)); // Level 1 (Ideal) is the darkest colour, Level 5 the lightest
        Assert.Equal(levels.Select(r => Convert.ToInt32(r[2], System.Globalization.CultureInfo.InvariantCulture)).Order(), cells.Select(c => c.Level).Order());
        // The outcome titles are in the tables themselves, not behind a click.
        foreach (var title in fixture.Warehouse.Rows("select dimension_code || ' ' || title from research.dimensions where framework_id like 'txnsi%'").Select(r => (string)r[0]!).Distinct())
        {
            Assert.Contains($"<th scope=\"row\">{System.Net.WebUtility.HtmlEncode(title)}</th>", grid, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Hub_WhoIsMovingAndWhoStalls_NamedAsTheMartsSay()
    {
        var html = File.ReadAllText(fixture.HubPath);
        var section = html[html.IndexOf("<h2>Who is moving and who stalls</h2>", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("<h2>", 5, StringComparison.Ordinal)];
        var up = fixture.Warehouse.Rows("""
            select u.name, count(*) from marts.stage_history h join research.units u using (unit_id)
            where h.framework_id = 'ilead-dp-2018' and h.wave_id = '2022' and h.role_code = 'ALL' and h.stage_change > 0
            group by u.name order by 2 desc, 1 limit 1
            """).Single();
        var moving = section[section.IndexOf("Moving most:", StringComparison.Ordinal)..];
        Assert.StartsWith($"Moving most:</strong> {System.Net.WebUtility.HtmlEncode((string)up[0]!)} ({up[1]} objectives up)", moving, StringComparison.Ordinal);
        var stalled = fixture.Warehouse.Rows("""
            select d.number || '. ' || d.title, count(*) from marts.stage_history h
            join research.dimensions d on d.framework_id = h.framework_id and d.dimension_code = h.dimension_code
            where h.framework_id = 'ilead-dp-2018' and h.wave_id = '2022' and h.role_code = 'ALL' and h.stage_change = 0 and h.stage < 4
            group by all order by 2 desc, 1 limit 1
            """).Single();
        Assert.Contains($"Objectives stalling most:</strong> {System.Net.WebUtility.HtmlEncode((string)stalled[0]!)} ({stalled[1]} partnerships held)", section, StringComparison.Ordinal);
        // Every partnership rated in the wave has its row.
        var units = fixture.Warehouse.Rows("select distinct u.name from marts.stage_history h join research.units u using (unit_id) where h.framework_id = 'ilead-dp-2018' and h.wave_id = '2022'");
        Assert.All(units, u => Assert.Contains($"<th scope=\"row\">{System.Net.WebUtility.HtmlEncode((string)u[0]!)}</th>", section, StringComparison.Ordinal));
    }

    [Fact]
    public void Hub_UniversityAndDistrictViews_DivergingObjectivesAndKappaAsTheMartsSay()
    {
        var html = System.Net.WebUtility.HtmlDecode(File.ReadAllText(fixture.HubPath));
        var section = html[html.IndexOf("<h2>University and district views</h2>", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("<h2>", 5, StringComparison.Ordinal)];
        var top = fixture.Warehouse.Rows("""
            select d.number || '. ' || d.title from marts.role_divergence r join research.dimensions d on d.framework_id = r.framework_id and d.dimension_code = r.dimension_code
            where r.framework_id = 'ilead-dp-2018' and r.wave_id = '2022' order by r.mean_abs_gap desc, d.number limit 1
            """).Single()[0]!;
        var first = section[section.IndexOf("<tbody>", StringComparison.Ordinal)..];
        Assert.StartsWith($"<tbody>\n<tr><th scope=\"row\">{top}</th>", first, StringComparison.Ordinal);
        var kappa = fixture.Warehouse.Rows("select u.name, k.kappa_quadratic from marts.role_agreement k join research.units u using (unit_id) where k.wave_id = '2022' and k.framework_id = 'ilead-dp-2018' order by k.kappa_quadratic limit 1").Single();
        Assert.Contains($"<tr><th scope=\"row\">{kappa[0]}</th>", section, StringComparison.Ordinal);
        Assert.Contains(Convert.ToDouble(kappa[1], System.Globalization.CultureInfo.InvariantCulture).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), section, StringComparison.Ordinal);
    }

    [Fact]
    public void Hub_ObjectivesRatedLeastConsistently_AndWithinUnitAgreement_AsTheMartsSay()
    {
        var html = System.Net.WebUtility.HtmlDecode(File.ReadAllText(fixture.HubPath));
        var lowest = fixture.Warehouse.Rows("""
            select d.number || '. ' || d.title from marts.objective_agreement o join research.dimensions d on d.framework_id = o.framework_id and d.dimension_code = o.dimension_code
            where o.framework_id = 'ilead-dp-2018' and o.wave_id = '2022' order by o.alpha_ordinal, d.number limit 1
            """).Single()[0]!;
        var table = html[html.IndexOf("<caption>Objectives rated least consistently in 2022</caption>", StringComparison.Ordinal)..];
        Assert.Contains($"<tbody>\n<tr><th scope=\"row\">{lowest}</th>", table, StringComparison.Ordinal);
        var agree = fixture.Warehouse.Rows("""
            select u.name, count(*) filter (where w.agrees) || ' of ' || count(*) from marts.within_unit_agreement w join research.units u using (unit_id)
            where w.framework_id = 'ilead-dp-2018' and w.wave_id = '2022' and w.unit_id = 'gmu-fairfax' group by u.name
            """).Single();
        Assert.Matches($"<tr><th scope=\"row\">{System.Text.RegularExpressions.Regex.Escape((string)agree[0]!)}</th>(<td>[^<]*</td>){{4}}<td>{agree[1]}</td></tr>", html);
    }

    [Fact]
    public void Hub_EveryCommentShownGroupedWithCounts_NoneCut()
    {
        var html = File.ReadAllText(fixture.HubPath);
        var comments = fixture.Warehouse.Rows("select comment from marts.rater_comments where framework_id = 'ilead-dp-2018' and wave_id = '2022'")
            .Select(r => (string)r[0]!).ToList();
        Assert.NotEmpty(comments);
        Assert.Contains($"{comments.Count:N0} comment(s) from ", html, StringComparison.Ordinal);
        foreach (var comment in comments)
        {
            Assert.Contains(System.Net.WebUtility.HtmlEncode(comment), html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Paper_RebuiltFromTheSameDataByteIdenticalTablesPseudonymizedWithSqlInManifest()
    {
        var spec = new PaperSpec("test-pack", "ilead-dp-2018", ["stage_distribution", "transitions", "trajectories", "agreement"], [.. PaperItems.All.Keys]);
        var salt = PaperPack.SaltFor("paper-test-key-0123456789abcdef"u8.ToArray(), spec.Name);
        var first = PaperPack.Write(fixture.Warehouse.Connection, spec, fixture.Context with { OutputDirectory = Path.Combine(fixture.Warehouse.Folder, "paper-a"), SnapshotHash = new string('a', 64) }, salt);
        var second = PaperPack.Write(fixture.Warehouse.Connection, spec, fixture.Context with { OutputDirectory = Path.Combine(fixture.Warehouse.Folder, "paper-b"), SnapshotHash = new string('a', 64) }, salt);
        var tables = Directory.GetFiles(Path.Combine(first.Folder, "tables")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(16, tables.Count); // 5 tables × CSV, Markdown, LaTeX, and tables.tex
        // Every file, figures (HTML, SVG, PNG) included, is the same byte for byte.
        var files = first.Files.Select(f => Path.GetRelativePath(first.Folder, f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files, second.Files.Select(f => Path.GetRelativePath(second.Folder, f)).Order(StringComparer.Ordinal));
        Assert.Equal(16 + 12 + 1, files.Count);
        foreach (var file in files)
        {
            var (x, y) = (File.ReadAllBytes(Path.Combine(first.Folder, file)), File.ReadAllBytes(Path.Combine(second.Folder, file)));
            var at = Enumerable.Range(0, Math.Min(x.Length, y.Length)).FirstOrDefault(i => x[i] != y[i]);
            Assert.True(x.SequenceEqual(y), $"{file} differs between two builds at byte {at}: {System.Text.Encoding.UTF8.GetString(x[Math.Max(0, at - 80)..Math.Min(x.Length, at + 80)])} | {System.Text.Encoding.UTF8.GetString(y[Math.Max(0, at - 80)..Math.Min(y.Length, at + 80)])}");
        }

        var everything = string.Concat(first.Files.Select(File.ReadAllText));
        foreach (var unit in new[] { "uva-chesterfield", "University of Virginia", "gmu-fairfax", "George Mason", SampleReportFixture.HostileUnit })
        {
            Assert.DoesNotContain(unit, everything, StringComparison.Ordinal);
        }

        Assert.Contains("P01,", File.ReadAllText(Path.Combine(first.Folder, "tables", "trajectories.csv")), StringComparison.Ordinal);
        var manifest = File.ReadAllText(Path.Combine(first.Folder, "manifest.json"));
        Assert.Contains("\"snapshot_sha256\": \"" + new string('a', 64) + "\"", manifest, StringComparison.Ordinal);
        Assert.Contains("\"framework_version\": \"Draft 02/18\"", manifest, StringComparison.Ordinal);
        Assert.Contains("from research.rater_agreement a join pseudonyms p", manifest, StringComparison.Ordinal);
        Assert.Contains("\\begin{longtable}", File.ReadAllText(Path.Combine(first.Folder, "tables", "benchmarks.tex")), StringComparison.Ordinal);
        Assert.Equal(4, Directory.GetFiles(Path.Combine(first.Folder, "figures"), "*.html").Length);
    }

    [Fact]
    public void Paper_PseudonymNumbers_CannotBeRedoneFromTheRosterButAreStableUnderTheKey()
    {
        var spec = new PaperSpec("pseudonym-pack", "ilead-dp-2018", [], ["trajectories"]);
        string Numbering(string key, string folder)
        {
            var pack = PaperPack.Write(fixture.Warehouse.Connection, spec, fixture.Context with { OutputDirectory = Path.Combine(fixture.Warehouse.Folder, folder) },
                PaperPack.SaltFor(System.Text.Encoding.UTF8.GetBytes(key), spec.Name));
            return string.Join(";", File.ReadAllLines(Path.Combine(pack.Folder, "tables", "trajectories.csv")).Skip(1).Select(l => string.Join(",", l.Split(',').Take(3))));
        }

        var mine = Numbering("paper-test-key-0123456789abcdef", "pack-1");
        Assert.Equal(mine, Numbering("paper-test-key-0123456789abcdef", "pack-2")); // stable across rebuilds
        Assert.NotEqual(mine, Numbering("another-key-0123456789abcdef-xx", "pack-3")); // another key, other numbers

        // The attack that worked before: number the roster's units in the order of md5(unit_id) and match.
        var units = fixture.Warehouse.Rows("select distinct unit_id from marts.stage_history where framework_id = 'ilead-dp-2018'").Select(r => (string)r[0]!).ToList();
        Assert.True(units.Count >= 3, $"{units.Count} units");
        var byMd5 = fixture.Warehouse.Rows("""
            select unit_id, 'P' || lpad(cast(row_number() over (order by md5(unit_id)) as varchar), 2, '0')
            from (select distinct unit_id from marts.stage_history where framework_id = 'ilead-dp-2018')
            """).Select(r => (Unit: (string)r[0]!, P: (string)r[1]!)).ToList();
        var guessed = string.Join(";", byMd5.Select(x => x.P));
        var pack = PaperPack.Write(fixture.Warehouse.Connection, spec, fixture.Context with { OutputDirectory = Path.Combine(fixture.Warehouse.Folder, "pack-4") },
            PaperPack.SaltFor("paper-test-key-0123456789abcdef"u8.ToArray(), spec.Name));
        var meanByP = File.ReadAllLines(Path.Combine(pack.Folder, "tables", "trajectories.csv")).Skip(1).Select(l => l.Split(',')).GroupBy(f => f[0]).ToDictionary(g => g.Key, g => string.Join("|", g.Select(f => f[2])));
        var meanByUnit = units.ToDictionary(u => u, u => string.Join("|", fixture.Warehouse.Rows(
            $"select round(avg(stage), 3) from marts.stage_history where framework_id = 'ilead-dp-2018' and role_code = 'ALL' and unit_id = '{u}' group by wave_id, wave_seq order by wave_seq")
            .Select(r => Convert.ToString(r[0], System.Globalization.CultureInfo.InvariantCulture))));
        var md5Right = byMd5.Count(x => meanByP.GetValueOrDefault(x.P) == meanByUnit[x.Unit]);
        Assert.True(md5Right < units.Count, $"the md5 order still names all {units.Count} partnerships ({guessed})");
        Assert.DoesNotContain(PaperPack.SaltFor("paper-test-key-0123456789abcdef"u8.ToArray(), spec.Name), string.Concat(pack.Files.Select(File.ReadAllText)), StringComparison.Ordinal);
    }
}
