using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ResearchPipeline.Ingest.Spreadsheets;

/// <summary>Writes .xlsx files with DocumentFormat.OpenXml: the workbook template, the sample workbooks, test workbooks.</summary>
public static class XlsxWriter
{
    public static void Write(string path, IEnumerable<XlsxSheet> sheets)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
        var list = workbook.Workbook.AppendChild(new Sheets());
        uint id = 1;
        foreach (var sheet in sheets)
        {
            var part = workbook.AddNewPart<WorksheetPart>();
            var worksheet = new Worksheet();
            if (sheet.FrozenRows > 0)
            {
                var topLeft = "A" + (sheet.FrozenRows + 1).ToString(CultureInfo.InvariantCulture);
                worksheet.AppendChild(new SheetViews(new SheetView(new Pane
                {
                    VerticalSplit = sheet.FrozenRows, TopLeftCell = topLeft, ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
                }) { WorkbookViewId = 0 }));
            }

            if (sheet.Widths.Count > 0)
            {
                worksheet.AppendChild(new Columns(sheet.Widths.OrderBy(w => w.Key).Select(w =>
                    new Column { Min = (uint)w.Key + 1, Max = (uint)w.Key + 1, Width = w.Value, CustomWidth = true })));
            }

            var data = new SheetData();
            foreach (var row in sheet.Cells.GroupBy(c => c.Key.Row).OrderBy(g => g.Key))
            {
                var r = new Row { RowIndex = (uint)row.Key };
                foreach (var ((rowIndex, column), (value, style)) in row.OrderBy(c => c.Key.Column))
                {
                    r.AppendChild(Cell(Spreadsheets.Sheet.Address(rowIndex, column), value, style));
                }

                data.AppendChild(r);
            }

            worksheet.AppendChild(data);
            if (sheet.Merges.Count > 0)
            {
                worksheet.AppendChild(new MergeCells(sheet.Merges.Select(m => new MergeCell { Reference = m })));
            }

            part.Worksheet = worksheet;
            list.AppendChild(new DocumentFormat.OpenXml.Spreadsheet.Sheet
            {
                Id = workbook.GetIdOfPart(part),
                SheetId = id++,
                Name = sheet.Name,
                State = sheet.Hidden ? SheetStateValues.Hidden : null,
            });
        }

        workbook.Workbook.Save();
    }

    private static Cell Cell(string reference, object value, uint style) => value switch
    {
        DateTime t => new Cell { CellReference = reference, CellValue = new CellValue(t.ToOADate().ToString("R", CultureInfo.InvariantCulture)), StyleIndex = style },
        double or int or long or decimal => new Cell
        {
            CellReference = reference, DataType = CellValues.Number, StyleIndex = style,
            CellValue = new CellValue(Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture)),
        },
        bool b => new Cell { CellReference = reference, DataType = CellValues.Boolean, CellValue = new CellValue(b ? "1" : "0"), StyleIndex = style },
        _ => new Cell
        {
            CellReference = reference, DataType = CellValues.InlineString, StyleIndex = style,
            InlineString = new InlineString(new Text(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "") { Space = SpaceProcessingModeValues.Preserve }),
        },
    };

    /// <summary>The styles of <see cref="XlsxSheet"/>: plain, header, title, wrapped, muted, date.</summary>
    private static Stylesheet Styles() => new(
        new Fonts(
            new Font(new FontSize { Val = 11 }),
            new Font(new Bold(), new FontSize { Val = 11 }),
            new Font(new Bold(), new FontSize { Val = 15 }),
            new Font(new Color { Rgb = "FF5A6572" }, new FontSize { Val = 11 })),
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFDCE6F0" }) { PatternType = PatternValues.Solid })),
        new Borders(
            new Border(),
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(new Color { Rgb = "FF2F5D8A" }) { Style = BorderStyleValues.Thin }, new DiagonalBorder())),
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, FillId = 2, BorderId = 1, ApplyFont = true, ApplyFill = true, ApplyBorder = true },
            new CellFormat { FontId = 2, ApplyFont = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { ApplyAlignment = true },
            new CellFormat { FontId = 3, ApplyFont = true },
            new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }));
}
