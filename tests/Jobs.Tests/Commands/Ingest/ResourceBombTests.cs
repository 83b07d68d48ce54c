using System.IO.Compression;
using System.Text;

namespace ResearchPipeline.Jobs.Tests.Commands.Ingest;

/// <summary>
/// Files built to exhaust the pipeline (a million columns, a workbook that unzips to hundreds of megabytes, one
/// enormous line) are refused early, in one line, without holding the writer lock for minutes or running out of memory.
/// </summary>
public sealed class ResourceBombTests : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rp-bomb-" + Guid.NewGuid().ToString("N")[..10])).FullName;

    public ResourceBombTests() => RpCli.Ok("init", "--warehouse", Warehouse);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Warehouse => Path.Combine(_dir, "warehouse", "pipeline.duckdb");

    private (string Error, TimeSpan Took) Refused(string file)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (code, _, error) = RpCli.Run("ingest", file, "--warehouse", Warehouse);
        Assert.Equal(2, code);
        Assert.Single(error.Trim().Split('\n')); // one line
        return (error.Trim(), clock.Elapsed);
    }

    [Fact]
    public void MillionColumns_RefusedByItsFieldCount()
    {
        var file = Path.Combine(_dir, "wide.csv");
        File.WriteAllText(file, string.Join(',', Enumerable.Repeat("a", 1_000_000)) + "\n1,2,3\n");
        var (error, took) = Refused(file);
        Assert.Equal("rp: wide.csv row 1: 1,000,000 fields, more than the 16,384 columns a spreadsheet holds; not a rating file? Nothing was loaded.", error);
        Assert.True(took < TimeSpan.FromSeconds(30), $"took {took}");
    }

    [Fact]
    public void WorkbookThatUnzipsToHundredsOfMegabytes_RefusedBeforeItIsRead()
    {
        var file = Path.Combine(_dir, "bomb.xlsx");
        using (var zip = new ZipArchive(File.Create(file), ZipArchiveMode.Create))
        {
            using (var types = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open()))
            {
                types.Write("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            }

            using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            var spaces = Encoding.ASCII.GetBytes(new string(' ', 1 << 20));
            for (var i = 0; i < 300; i++)
            {
                sheet.Write(spaces);
            }
        }

        Assert.True(new FileInfo(file).Length < 4_000_000, $"{new FileInfo(file).Length} bytes"); // small on disk
        var (error, _) = Refused(file);
        Assert.StartsWith("rp: bomb.xlsx: the workbook unzips to more than 256 MB", error, StringComparison.Ordinal);
    }

    [Fact]
    public void OneEnormousLine_TheMessageStaysShort()
    {
        var file = Path.Combine(_dir, "line.csv");
        File.WriteAllText(file, new string('x', 5_000_000)); // one line, no header, no line break
        var (error, _) = Refused(file);
        Assert.True(error.Length < 1_000, $"{error.Length} characters: {error[..200]}");
        Assert.StartsWith("rp: line.csv row 1: not a file this pipeline knows", error, StringComparison.Ordinal);
    }
}
