using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Xml.Linq;
using ResearchPipeline.Reports.Html;
using ResearchPipeline.Reports.Paper;
using ResearchPipeline.Reports.Tests.Partner;

namespace ResearchPipeline.Reports.Tests.Paper;

/// <summary>
/// The paper pack as a researcher uses it: its LaTeX compiled by pdflatex (texlive-latex-recommended; bash .ci/test.sh
/// installs it), its static figures read as SVG and PNG, its manifest checked against the files.
/// </summary>
public sealed class PaperPackTests(SampleReportFixture fixture) : IClassFixture<SampleReportFixture>
{
    private PaperPack.Result Pack(string folder) => PaperPack.Write(fixture.Warehouse.Connection,
        new PaperSpec("full-pack", "ilead-dp-2018", [.. PaperItems.Figures], [.. PaperItems.All.Keys]),
        fixture.Context with { OutputDirectory = Path.Combine(fixture.Warehouse.Folder, folder) }, PaperPack.SaltFor("paper-test-key-0123456789abcdef"u8.ToArray(), "full-pack"));

    [Fact]
    public void Latex_EveryTableCompilesWithPdflatex_LongTablesBreakAcrossPages()
    {
        var tables = Path.Combine(Pack("paper-latex").Folder, "tables");
        foreach (var pass in new[] { 1, 2 }) // twice, as LaTeX settles longtable widths and labels
        {
            var (code, log) = Run("pdflatex", tables, "-interaction=nonstopmode", "-halt-on-error", "tables.tex");
            Assert.True(code == 0, $"pdflatex pass {pass} failed:\n{string.Join('\n', log.Split('\n').Where(l => l.StartsWith('!') || l.Contains("Error", StringComparison.Ordinal)).Take(10))}");
            Assert.DoesNotContain("Undefined control sequence", log, StringComparison.Ordinal);
        }

        var (_, text) = Run("pdftotext", tables, "-layout", "tables.pdf", "-");
        Assert.Contains("(continued)", text, StringComparison.Ordinal); // the 120-row benchmark table goes on over pages, its header repeated
        Assert.Contains("Synthetic sample data", text, StringComparison.Ordinal);
        Assert.Contains("25th percentile", text, StringComparison.Ordinal); // readable headers, not p25
        foreach (var name in PaperItems.All.Keys)
        {
            var tex = File.ReadAllText(Path.Combine(tables, name + ".tex"));
            Assert.Contains($"\\label{{tab:{name.Replace('_', '-')}}}", tex, StringComparison.Ordinal);
            Assert.Contains("\\toprule", tex, StringComparison.Ordinal);
        }

        // Numbers on the decimal point: the benchmark's objective and wave to the left, its five numbers in dcolumn's D columns.
        Assert.Contains("\\begin{longtable}{llD{.}{.}{-1}D{.}{.}{-1}D{.}{.}{-1}D{.}{.}{-1}}", File.ReadAllText(Path.Combine(tables, "benchmarks.tex")), StringComparison.Ordinal);
    }

    [Fact]
    public void Figures_StaticSvgAndPng300Dpi_InTheOnePalette_WithoutABrowser()
    {
        var folder = Path.Combine(Pack("paper-figures").Folder, "figures");
        foreach (var name in PaperItems.Figures)
        {
            var svg = XDocument.Load(Path.Combine(folder, name + ".svg"));
            Assert.Equal("624", svg.Root!.Attribute("width")!.Value); // 6.5 in
            Assert.Contains("Synthetic sample data", svg.ToString(), StringComparison.Ordinal);
            var png = File.ReadAllBytes(Path.Combine(folder, name + ".png"));
            Assert.Equal((1950, 1200), (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))));
            Assert.Equal(300, PngDensity.Read(png)!.Value, 1);
        }

        // The stages in their palette colours, lightest first: the same as the HTML reports.
        var distribution = File.ReadAllText(Path.Combine(folder, "stage_distribution.svg")).ToLowerInvariant();
        Assert.All(Palette.Fills(4), fill => Assert.Contains($"fill=\"{fill}\"", distribution, StringComparison.Ordinal));
        // Eleven partnerships, eleven distinct colour and marker pairs.
        var trajectories = File.ReadAllText(Path.Combine(folder, "trajectories.svg"));
        Assert.Equal(11, Enumerable.Range(1, 11).Count(i => trajectories.Contains($"P{i:00}", StringComparison.Ordinal)));
    }

    [Fact]
    public void Manifest_HoldsTheSpecAndEveryFilesHash()
    {
        var pack = Pack("paper-manifest");
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(pack.Folder, "manifest.json")));
        var spec = manifest.RootElement.GetProperty("spec");
        Assert.Equal("full-pack", spec.GetProperty("name").GetString());
        Assert.Equal(PaperItems.Figures, spec.GetProperty("figures").EnumerateArray().Select(e => e.GetString()));
        var listed = manifest.RootElement.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("path").GetString()!, f => f.GetProperty("sha256").GetString()!);
        var onDisk = Directory.GetFiles(pack.Folder, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("manifest.json", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(pack.Folder, f).Replace('\\', '/'), f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))));
        Assert.Equal(onDisk.OrderBy(k => k.Key, StringComparer.Ordinal), listed.OrderBy(k => k.Key, StringComparer.Ordinal));
        Assert.Contains("Synthetic sample data", File.ReadAllText(Path.Combine(pack.Folder, "tables", "agreement.md")), StringComparison.OrdinalIgnoreCase);
    }

    private static (int Code, string Output) Run(string program, string folder, params string[] args)
    {
        var start = new ProcessStartInfo(program, args) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start: bash .ci/test.sh installs it");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error);
    }
}
