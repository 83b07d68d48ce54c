using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ResearchPipeline.TestSupport;

namespace ResearchPipeline.Jobs.Tests.Commands.Export;

/// <summary>rp export --template workbook: what the hub sends out is exactly what comes back in.</summary>
[Trait(TestCategory.Trait, TestCategory.EndToEnd)]
public sealed class WorkbookTemplateTests : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rp-tpl-" + Guid.NewGuid().ToString("N")[..10])).FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Template_SentOutFilledAndIngested_GivesTheStagesEntered()
    {
        var warehouse = Path.Combine(_dir, "pipeline.duckdb");
        var csv = Path.Combine(_dir, "r.csv");
        File.WriteAllText(csv, "network,framework,wave,unit,role,rater,dimension,level,rated_at,is_consensus,comment\n" +
            string.Concat(Enumerable.Range(1, 24).Select(d => $"ilead,ilead-dp-2018,2020,uva-chesterfield,IHE,ann@uva.edu,{d},{1 + (d % 4)},,false,\n")));
        RpCli.Ok("init", "--warehouse", warehouse);
        RpCli.Ok("ingest", csv, "--warehouse", warehouse);
        RpCli.Ok("transform", "--warehouse", warehouse);
        var output = RpCli.Ok("export", "--template", "workbook", "--wave", "2021", "--out", _dir, "--warehouse", warehouse);
        var path = Path.Combine(_dir, "self-assessment-ilead-2021.xlsx");
        Assert.Contains($"Wrote {path}: 11 sheets (one per unit), 24 rows each, for wave 2021 (ilead-dp-2018).", output, StringComparison.Ordinal);

        // What a partner does: type their stage into column C of their sheet (objective d gets 1 + (d + 1) % 4).
        using (var document = SpreadsheetDocument.Open(path, isEditable: true))
        {
            var part = document.WorkbookPart!;
            var sheet = part.Workbook.Descendants<Sheet>().Single(s => s.Name == "uva-chesterfield");
            var data = ((WorksheetPart)part.GetPartById(sheet.Id!)).Worksheet.GetFirstChild<SheetData>()!;
            Assert.Equal("2020 (for reference)", data.Descendants<Cell>().Single(c => c.CellReference == "B5").InnerText);
            Assert.Equal("2 - Small change implementation", data.Descendants<Cell>().Single(c => c.CellReference == "B6").InnerText);
            Assert.Equal("2021", data.Descendants<Cell>().Single(c => c.CellReference == "C5").InnerText);
            foreach (var row in data.Elements<Row>().Where(r => r.RowIndex!.Value >= 6))
            {
                var d = (int)row.RowIndex!.Value - 5;
                var cell = new Cell { CellReference = $"C{row.RowIndex}", DataType = CellValues.Number, CellValue = new CellValue(1 + ((d + 1) % 4)) };
                row.AppendChild(cell); // the row holds A and B; C comes after them
            }

            part.Workbook.Save();
        }

        var ingest = RpCli.Ok("ingest", path, "--warehouse", warehouse);
        Assert.Contains("workbook batch 2: read 264, loaded 24, quarantined 0, skipped 240", ingest, StringComparison.Ordinal);
        Assert.Contains("Sheet \"uva-chesterfield\": read 24, loaded 24, quarantined 0, skipped 0", ingest, StringComparison.Ordinal);
        RpCli.Ok("transform", "--warehouse", warehouse);
        RpCli.Ok("publish", "--warehouse", warehouse);
        var stages = RpCli.Ok("query", "select cast(dimension_code as integer) as d, stage, stage_rule from research.stage_history where unit_id = 'uva-chesterfield' and wave_id = '2021' and role_code = 'ALL' order by 1",
            "--format", "csv", "--warehouse", warehouse).Replace("\r", "", StringComparison.Ordinal).Trim().Split('\n').Skip(1).ToList();
        Assert.Equal(Enumerable.Range(1, 24).Select(d => $"{d},{1 + ((d + 1) % 4)},consensus"), stages);
    }
}
