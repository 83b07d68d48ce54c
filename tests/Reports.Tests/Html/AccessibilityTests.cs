using System.Text.Json;
using ResearchPipeline.Reports.Tests.Partner;
using ResearchPipeline.TestSupport;

namespace ResearchPipeline.Reports.Tests.Html;

/// <summary>
/// axe-core, run in the test browser on every report kind: no serious or critical violation. bash .ci/test.sh fetches
/// axe-core from the npm registry (checked against its published hash) and names it in RP_TEST_AXE.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Browser)]
public sealed class AccessibilityTests(SampleReportFixture fixture) : IClassFixture<SampleReportFixture>
{
    public static TheoryData<string> Kinds => ["partner", "hub", "ic", "paper"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Axe_Report_NoSeriousOrCriticalViolation(string kind)
    {
        var axe = Environment.GetEnvironmentVariable("RP_TEST_AXE");
        Assert.True(axe is not null && File.Exists(axe), "RP_TEST_AXE does not name axe.min.js: run the tests with bash .ci/test.sh, which fetches axe-core");
        await using var chromium = await ReportBrowser.Session();
        var page = await chromium.Open(fixture.PathOf(kind));
        await page.AddScriptTagAsync(new Microsoft.Playwright.PageAddScriptTagOptions { Path = axe });
        var json = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
              .filter(v => v.impact === 'serious' || v.impact === 'critical')
              .map(v => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}×, e.g. ${v.nodes[0].target.join(' ')})`)
            """);
        var violations = json.EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.True(violations.Count == 0, $"{kind}: " + string.Join("\n", violations));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Charts_EachHasATextAlternativeStatingItsFinding(string kind)
    {
        await using var chromium = await ReportBrowser.Session();
        var page = await chromium.Open(fixture.PathOf(kind));
        var labels = await page.EvalOnSelectorAllAsync<string[]>(".chart", "cs => cs.map(c => c.getAttribute('aria-label') || '')");
        Assert.NotEmpty(labels);
        Assert.All(labels, l => Assert.True(l.Length > 40 && l.Any(char.IsDigit), $"{kind}: a chart's text alternative says too little: \"{l}\""));
    }
}
