using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DuckDB.NET.Data;
using ResearchPipeline.Models;

namespace ResearchPipeline.Ingest.Spreadsheets;

/// <summary>
/// Writes the partnership workbook the hub sends out before a wave (spec section 4 layout), so that what comes back
/// is exactly what <see cref="WorkbookReader"/> reads: one sheet per unit named by its id, title rows, then
/// "Objective" | last stage "(for reference)" | the wave | Notes, one row per objective. The reference column and
/// notes are not wave columns, so they are never read back as ratings.
/// </summary>
public static class WorkbookTemplate
{
    public sealed record Result(string Path, int Sheets, int Objectives, string FrameworkId);

    public static Result Write(DuckDBConnection connection, string network, string waveId, string path)
    {
        var framework = Rows(connection, "select framework_id, name, version, dimension_term, level_term from core.frameworks where network_id = $1 order by framework_id", network);
        if (framework.Count != 1)
        {
            throw new PipelineInputException(framework.Count == 0
                ? $"Network {network} has no framework: cannot write a workbook template."
                : $"Network {network} has {framework.Count} frameworks; the workbook template needs one.");
        }

        var frameworkId = framework[0][0];
        var wave = Rows(connection, "select wave_id, label from core.waves where network_id = $1 and wave_id = $2", network, waveId);
        if (wave.Count == 0)
        {
            var known = Rows(connection, "select wave_id from core.waves where network_id = $1 order by starts_on", network).Select(r => r[0]);
            throw new PipelineInputException($"--wave {waveId} is not a wave of {network} (known: {string.Join(", ", known)}); add it with a waves CSV first.");
        }

        var units = Rows(connection, "select unit_id, name from core.units where network_id = $1 order by unit_id", network);
        var dimensions = Rows(connection, "select dimension_code, cast(number as varchar), title from core.dimensions where framework_id = $1 order by number", frameworkId);
        var levels = Rows(connection, "select cast(level_value as varchar), label from core.levels where framework_id = $1 order by progress_rank", frameworkId);
        var reference = LastStages(connection, network, waveId);

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        using (var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Styles();
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            uint sheetId = 1;
            foreach (var unit in units)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                var last = reference.Where(r => r.Unit == unit[0]).ToList();
                var lastWave = last.Select(r => r.Wave).FirstOrDefault();
                Row(data, 1, (Cell("A", 1, unit[1], 2), true));
                Row(data, 2, (Cell("A", 2, $"{framework[0][1]} ({framework[0][2]}): self-assessment for {wave[0][1]}.", 3), true));
                Row(data, 3, (Cell("A", 3, $"In column C, enter your partnership's agreed {framework[0][4]} for each {framework[0][3]}: a number or its name " +
                                               $"({string.Join("; ", levels.Select(l => $"{l[0]} {l[1]}"))}). Leave it blank if you did not assess it.", 3), true));
                Row(data, 5, (Cell("A", 5, "Objective", 1), false), (Cell("B", 5, lastWave is null ? "Last stage (for reference)" : $"{lastWave} (for reference)", 1), false),
                    (Cell("C", 5, waveId, 1), false), (Cell("D", 5, "Notes", 1), false));
                uint row = 6;
                foreach (var d in dimensions)
                {
                    var before = last.FirstOrDefault(r => r.Dimension == d[0]);
                    Row(data, row, (Cell("A", row, $"{d[1]}. {d[2]}", 0), false), (Cell("B", row, before is null ? "" : $"{before.Level} - {before.Label}", 4), false));
                    row++;
                }

                var worksheet = new Worksheet(
                    new SheetViews(new SheetView { WorkbookViewId = 0, Pane = new Pane { VerticalSplit = 5, TopLeftCell = "A6", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen } }),
                    new Columns(
                        new Column { Min = 1, Max = 1, Width = 70, CustomWidth = true },
                        new Column { Min = 2, Max = 2, Width = 34, CustomWidth = true },
                        new Column { Min = 3, Max = 3, Width = 14, CustomWidth = true },
                        new Column { Min = 4, Max = 4, Width = 40, CustomWidth = true }),
                    data,
                    new MergeCells(new MergeCell { Reference = "A1:D1" }, new MergeCell { Reference = "A2:D2" }, new MergeCell { Reference = "A3:D3" }));
                part.Worksheet = worksheet;
                sheets.AppendChild(new DocumentFormat.OpenXml.Spreadsheet.Sheet { Id = workbook.GetIdOfPart(part), SheetId = sheetId++, Name = unit[0] });
            }

            workbook.Workbook.Save();
        }

        return new Result(path, units.Count, dimensions.Count, frameworkId);
    }

    private sealed record Last(string Unit, string Dimension, string Wave, string Level, string Label);

    /// <summary>Each unit's stage per dimension at its last rated wave before <paramref name="waveId"/> (empty before the first transform).</summary>
    private static List<Last> LastStages(DuckDBConnection connection, string network, string waveId)
    {
        if (Rows(connection, "select 1 from duckdb_tables() where schema_name = 'marts' and table_name = 'stage_history'").Count == 0)
        {
            return [];
        }

        return Rows(connection, """
            with target as (
              select min(w2.rn) as seq from (select wave_id, row_number() over (order by starts_on, wave_id) as rn from core.waves where network_id = $1) w2 where w2.wave_id = $2
            ),
            latest as (
              select unit_id, dimension_code, max(wave_seq) as seq from marts.stage_history
              where network_id = $1 and role_code = 'ALL' and wave_seq < (select seq from target)
              group by unit_id, dimension_code
            )
            select h.unit_id, h.dimension_code, h.wave_id, cast(h.level_value as varchar), h.stage_label
            from marts.stage_history h join latest l on l.unit_id = h.unit_id and l.dimension_code = h.dimension_code and l.seq = h.wave_seq
            where h.role_code = 'ALL' and h.network_id = $1
            """, network, waveId).Select(r => new Last(r[0], r[1], r[2], r[3], r[4])).ToList();
    }

    private static void Row(SheetData data, uint index, params (Cell Cell, bool Wrap)[] cells)
    {
        var row = new Row { RowIndex = index };
        if (cells.Any(c => c.Wrap))
        {
            row.Height = index == 1 ? 24 : 32;
            row.CustomHeight = true;
        }

        foreach (var (cell, _) in cells)
        {
            row.AppendChild(cell);
        }

        data.AppendChild(row);
    }

    private static Cell Cell(string column, uint row, string text, uint style) => new()
    {
        CellReference = column + row.ToString(CultureInfo.InvariantCulture),
        DataType = CellValues.InlineString,
        InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }),
        StyleIndex = style,
    };

    /// <summary>0 plain, 1 header (bold, shaded, bordered), 2 title (bold, large), 3 wrapped note, 4 grey reference text.</summary>
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
            new CellFormat { FontId = 3, ApplyFont = true }));

    private static List<string[]> Rows(DuckDBConnection connection, string sql, params object[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var p in parameters)
        {
            command.Parameters.Add(new DuckDBParameter(p));
        }

        using var reader = command.ExecuteReader();
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "").ToArray());
        }

        return rows;
    }
}
