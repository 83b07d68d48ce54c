using ResearchPipeline.Ingest;
using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Ingest.Spreadsheets;
using ResearchPipeline.Models;
using ResearchPipeline.TestSupport;

namespace ResearchPipeline.Ingest.Tests.Spreadsheets;

public sealed class WorkbookIngestTests : IDisposable
{
    private readonly TempWarehouse _w = new();

    public void Dispose() => _w.Dispose();

    private IngestResult Ingest(string name, params XlsxSheet[] sheets)
    {
        var path = Path.Combine(_w.Folder, name);
        XlsxWriter.Write(path, sheets);
        return IngestService.IngestFile(_w.Connection, path, TempWarehouse.Options);
    }

    /// <summary>A partnership sheet the way people leave them: title merged over the columns, a date, a blank column and row, notes.</summary>
    private static XlsxSheet HandEdited(string name)
    {
        var sheet = new XlsxSheet(name);
        sheet.Set(1, 0, "UVA & Chesterfield: our self-assessment", XlsxSheet.Title).Merges.Add("A1:F1");
        sheet.Set(3, 0, "Last updated").Set(3, 2, new DateTime(2020, 11, 3));
        sheet.Set(5, 0, "Objective ").Set(5, 2, 2019).Set(5, 3, "2020 ").Set(5, 4, "2020 annual self-assessment".Replace("2020", "2021", StringComparison.Ordinal)).Set(5, 5, "Notes");
        sheet.Set(6, 0, "1. Commitment to the Idea of Improvement").Set(6, 2, 2).Set(6, 3, " 3 ").Set(6, 4, "4").Set(6, 5, "we argued about this one");
        sheet.Set(8, 0, "2").Set(8, 2, "Small change implementation ").Set(8, 3, "Stage 3").Set(8, 4, "3 - Integrating IS/NIC into the core work");
        sheet.Set(9, 0, "3. Faculty Development and Promotion").Set(9, 2, "Stage 5");
        sheet.Set(11, 0, "Totals are not ratings").Set(11, 5, "see the hub's guidance");
        return sheet;
    }

    [Fact]
    public void Ingest_PartnershipWorkbookWithHumanEdits_ReadsEveryCellItShould()
    {
        var hidden = new XlsxSheet("old copy") { Hidden = true };
        hidden.Set(1, 0, "Objective").Set(1, 1, "2019").Set(2, 0, "1").Set(2, 1, 1);
        var byName = new XlsxSheet("George Mason University & Fairf"); // the roster name, cut to Excel's 31 characters
        byName.Set(1, 0, "Objective").Set(1, 1, "2019").Set(2, 0, "24. Public Communications").Set(2, 1, 2.0);
        var result = Ingest("partners.xlsx", HandEdited("uva-chesterfield"), hidden, byName);

        // uva: 4 objective rows × 3 wave columns (2019 as a number, "2020 " with a space, 2021 by its label); the notes
        // column, the blank column B, the date in row 3 and the hidden sheet are not ratings.
        Assert.Equal((13L, 7L, 1L, 5L), (result.RowsRead, result.RowsLoaded, result.RowsQuarantined, result.RowsSkipped));
        Assert.Contains("Sheet \"old copy\" is hidden: skipped", result.Notes);
        Assert.Contains("Sheet \"uva-chesterfield\": read 12, loaded 6, quarantined 1, skipped 5", result.Notes);
        Assert.Contains("Sheet \"George Mason University & Fairf\": read 1, loaded 1, quarantined 0, skipped 0", result.Notes);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("partners.xlsx: Sheet \"uva-chesterfield\" cell C9: \"Stage 5\" is not a stage of ilead-dp-2018 (expected 1–4 or a stage name)", problem.Describe("partners.xlsx"));
        Assert.Equal(1, _w.Count("select count(*) from ops.quarantine where raw_value = 'Stage 5' and column_name = 'Sheet \"uva-chesterfield\" cell C9' and source_row = 9"));

        var rows = _w.Rows("select unit_id, dimension_code, wave_id, level_value, role_code, is_consensus from core.ratings order by unit_id, dimension_code, wave_id")
            .Select(r => string.Join('|', r)).ToList();
        Assert.Equal(
            [
                "gmu-fairfax|24|2019|2|JOINT|True",
                "uva-chesterfield|1|2019|2|JOINT|True", "uva-chesterfield|1|2020|3|JOINT|True", "uva-chesterfield|1|2021|4|JOINT|True",
                "uva-chesterfield|2|2019|2|JOINT|True", "uva-chesterfield|2|2020|3|JOINT|True", "uva-chesterfield|2|2021|3|JOINT|True",
            ],
            rows);
    }

    [Fact]
    public void Ingest_LongFormatWorkbook_TwoSheetsExcelAndTextDatesNumbers()
    {
        string[] header = ["network", "framework", "wave", "unit", "role", "rater", "dimension", "level", "rated_at", "is_consensus", "comment"];
        XlsxSheet Long(string name, params object[][] rows)
        {
            var sheet = new XlsxSheet(name);
            for (var c = 0; c < header.Length; c++)
            {
                sheet.Set(1, c, header[c]);
            }

            for (var r = 0; r < rows.Length; r++)
            {
                for (var c = 0; c < rows[r].Length; c++)
                {
                    sheet.Set(r + 3, c, rows[r][c]); // a blank row 2 between header and data
                }
            }

            return sheet;
        }

        var result = Ingest("long.xlsx",
            Long("2019", ["ilead", "ilead-dp-2018", "", "uva-chesterfield", "IHE", "ann@uva.edu", 1, 2, new DateTime(2019, 5, 2), "false", ""],
                         ["ilead", "ilead-dp-2018", "", "uva-chesterfield", "IHE", "ann@uva.edu", 2, "Stage 3", "2019-05-02", "false", ""]),
            Long("2020", ["ilead", "ilead-dp-2018", "2020", "gmu-fairfax", "LEA", "bo@fcps.edu", "3", "4", "", "false", ""],
                         ["ilead", "ilead-dp-2018", "2020", "gmu-fairfax", "LEA", "bo@fcps.edu", "4", "9", "", "false", ""]));
        Assert.Equal(("long", 4L, 3L, 1L), (result.Kind.Name, result.RowsRead, result.RowsLoaded, result.RowsQuarantined));
        Assert.Equal(2, _w.Count("select count(*) from core.ratings where wave_id = '2019' and rated_at = timestamp '2019-05-02'"));
        Assert.Equal("long.xlsx: Sheet \"2020\" cell H4: \"9\" is not a stage of ilead-dp-2018 (expected 1–4 or a stage name)", Assert.Single(result.Problems).Describe("long.xlsx"));
        Assert.Contains("Sheet \"2019\": read 2, loaded 2, quarantined 0, skipped 0", result.Notes);
    }

    [Fact]
    public void Ingest_PerRaterColumnsWithRoleRow_RatersPseudonymizedRolesRead()
    {
        var mapping = _w.WriteFile("w.mapping.yaml", "format: workbook\nnetwork: ilead\nframework: ilead-dp-2018\nwave: \"2021\"\n");
        var sheet = new XlsxSheet("uva-chesterfield");
        sheet.Set(1, 0, "Objective").Set(1, 1, "Ann Smith").Set(1, 2, "Bo Jones").Set(2, 0, "Role").Set(2, 1, "IHE").Set(2, 2, "LEA");
        sheet.Set(3, 0, "1").Set(3, 1, 2).Set(3, 2, 3);
        var path = Path.Combine(_w.Folder, "raters.xlsx");
        XlsxWriter.Write(path, [sheet]);
        var result = IngestService.IngestFile(_w.Connection, path, TempWarehouse.Options, ResearchPipeline.Ingest.Surveys.SurveyMappingLoader.Load(mapping));
        Assert.Equal((2L, 2L), (result.RowsRead, result.RowsLoaded));
        Assert.Equal(["IHE|2|False", "LEA|3|False"], _w.Rows("select role_code, level_value, is_consensus from core.ratings order by role_code").Select(r => string.Join('|', r)));
        Assert.Equal(TempWarehouse.Pseudonymizer.Pseudonymize("Ann Smith"), _w.Rows("select rater_key from core.ratings where role_code = 'IHE'").Single()[0]);
    }

    [Fact]
    public void Ingest_UnrecognizableWorkbook_RefusedSayingWhatWasExpected()
    {
        var sheet = new XlsxSheet("Budget");
        sheet.Set(1, 0, "Item").Set(1, 1, "Cost").Set(2, 0, "Coffee").Set(2, 1, 12.5);
        var ex = Assert.Throws<PipelineInputException>(() => Ingest("budget.xlsx", sheet));
        Assert.StartsWith("budget.xlsx: the workbook's layout is not one this pipeline reads. Expected either the long format", ex.Message, StringComparison.Ordinal);
        Assert.Contains("or the partnership workbook (one sheet per partnership, named by its id or name, with a header row holding an \"Objective\" column and one column per wave). Visible sheets: \"Budget\".", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, _w.Count("select count(*) from ops.ingest_batches"));
    }

    [Theory]
    [InlineData("not a zip at all, just text", "fake.xlsx: this is a text file (CSV?) though its name ends in \".xlsx\": rename it to .csv and ingest it again. Nothing was loaded.")]
    [InlineData("PK\u0003\u0004 truncated zip", "fake.xlsx: cannot read the workbook: it is not a readable Excel workbook (damaged, or another kind of file with an .xlsx name). Nothing was loaded.")]
    public void Ingest_NotAWorkbook_RefusedWithNothingLoaded(string content, string message)
    {
        var ex = Assert.Throws<PipelineInputException>(() => IngestService.IngestFile(_w.Connection, _w.WriteFile("fake.xlsx", content), TempWarehouse.Options));
        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, _w.Count("select count(*) from ops.ingest_batches"));
    }

    [Fact]
    public void Ingest_SameWorkbookTwice_SecondChangesNothing()
    {
        var first = Ingest("p.xlsx", HandEdited("uva-chesterfield"));
        var again = IngestService.IngestFile(_w.Connection, Path.Combine(_w.Folder, "p.xlsx"), TempWarehouse.Options);
        Assert.Equal((IngestStatus.AlreadyIngested, first.BatchId), (again.Status, again.BatchId));
        Assert.Equal(6, _w.Count("select count(*) from core.ratings"));
    }
}
