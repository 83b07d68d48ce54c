using System.Text.RegularExpressions;
using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Ingest.LongFormat;
using ResearchPipeline.Ingest.Surveys;
using ResearchPipeline.Models;

namespace ResearchPipeline.Ingest.Spreadsheets;

/// <summary>
/// Turns a workbook into rating records. Two layouts: the long format on one or more sheets, and the
/// partnership workbook: one sheet per unit (named by unit id or roster name), title rows, then a header row with an
/// "Objective" column and one column per wave (a team's consensus stage), or one column per rater with a "Role" row.
/// Other columns (notes, last year's stage "for reference") are ignored; blank rows and hidden sheets are passed over
/// and said so. Every record carries the cell it came from.
/// </summary>
public static partial class WorkbookReader
{
    public sealed record Result(List<SurveyRecord> Records, List<string> Notes, SourceKind Kind, bool IsSynthetic);

    public static Result Read(string fileName, IReadOnlyList<Sheet> sheets, ReferenceIndex reference, SurveyMapping? mapping)
    {
        var notes = new List<string>();
        foreach (var hidden in sheets.Where(s => s.Hidden))
        {
            notes.Add($"Sheet \"{hidden.Name}\" is hidden: skipped");
        }

        var visible = sheets.Where(s => !s.Hidden).ToList();
        var records = new List<SurveyRecord>();
        long recordNo = 0;
        var longSheets = visible.Select(s => (Sheet: s, Header: LongHeaderRow(s))).Where(x => x.Header is not null).ToList();
        var synthetic = false;
        if (longSheets.Count > 0 && mapping?.Kind is not "workbook")
        {
            foreach (var sheet in visible.Except(longSheets.Select(x => x.Sheet)).Where(s => !IsBlank(s)))
            {
                notes.Add($"Sheet \"{sheet.Name}\" has no long-format header row: skipped");
            }

            foreach (var (sheet, header) in longSheets)
            {
                synthetic |= MarkedSynthetic(sheet, header!.Value);
                records.AddRange(ReadLong(sheet, header.Value, ref recordNo));
            }

            return new Result(records, notes, SourceKind.LongFormat, synthetic);
        }

        var partnership = visible.Select(s => (Sheet: s, Header: ObjectiveHeader(s))).Where(x => x.Header is not null).ToList();
        if (partnership.Count == 0)
        {
            throw new PipelineInputException(
                $"{fileName}: the workbook's layout is not one this pipeline reads. Expected either the long format (a sheet whose header row has " +
                $"{string.Join(", ", LongFormatCsv.Columns)}) or the partnership workbook (one sheet per partnership, named by its id or name, with a " +
                $"header row holding an \"Objective\" column and one column per wave). Visible sheets: {string.Join(", ", visible.Select(s => $"\"{s.Name}\""))}.");
        }

        foreach (var sheet in visible.Except(partnership.Select(x => x.Sheet)).Where(s => !IsBlank(s)))
        {
            notes.Add($"Sheet \"{sheet.Name}\" has no \"Objective\" header: skipped");
        }

        foreach (var (sheet, header) in partnership)
        {
            synthetic |= MarkedSynthetic(sheet, header!.Value.Row);
            records.AddRange(ReadPartnership(sheet, header.Value, reference, mapping, notes, ref recordNo));
        }

        return new Result(records, notes, SourceKind.Workbook, synthetic || mapping?.IsSynthetic == true);
    }

    /// <summary>A sheet whose title rows say "synthetic sample data" is marked so, like a long-format file's first line.</summary>
    private static bool MarkedSynthetic(Sheet sheet, int headerRow) =>
        sheet.Rows.Take(headerRow).Any(r => r.Any(c => c.Contains("synthetic sample data", StringComparison.OrdinalIgnoreCase)));

    private static List<SurveyRecord> ReadLong(Sheet sheet, int headerRow, ref long recordNo)
    {
        var header = sheet.Rows[headerRow - 1].Select(h => h.Trim().ToLowerInvariant()).ToList();
        var at = LongFormatCsv.Columns.ToDictionary(c => c, c => header.IndexOf(c));
        var list = new List<SurveyRecord>();
        for (var row = headerRow + 1; row <= sheet.Rows.Count; row++)
        {
            if (sheet.IsBlankRow(row))
            {
                continue;
            }

            string F(string c) => at[c] < 0 ? "" : sheet.Cell(row, at[c]);
            var where = LongFormatCsv.Columns.Where(c => at[c] >= 0).ToDictionary(c => c, c => sheet.Where(row, at[c]));
            list.Add(new SurveyRecord(new LongRecord(row, F("network"), F("framework"), F("wave"), F("unit"), F("role"), F("rater"), F("dimension"),
                F("level"), F("rated_at"), F("is_consensus"), F("comment"))
            {
                RecordNo = ++recordNo,
                SourceColumns = where,
                SourceColumnsAreLocations = true,
                Part = sheet.Name,
            }, null, null));
        }

        return list;
    }

    private static List<SurveyRecord> ReadPartnership(Sheet sheet, (int Row, int Column) objectiveHeader, ReferenceIndex reference, SurveyMapping? mapping, List<string> notes, ref long recordNo)
    {
        var (headerRow, objectiveColumn) = objectiveHeader;
        var unit = UnitOf(sheet.Name, reference, mapping);
        var network = unit is { } u ? u.NetworkId : mapping?.Network ?? "";

        // A sheet named for no partnership in the roster still has its cells read (and quarantined for that reason),
        // its wave columns recognized by any network's waves.
        var waves = reference.Waves.Where(w => network.Length == 0 || string.Equals(w.NetworkId, network, StringComparison.OrdinalIgnoreCase)).ToList();
        var header = sheet.Rows[headerRow - 1];

        // Per-rater layout: a "Role" row right above or below the header names each rater column's role.
        var roleRow = new[] { headerRow - 1, headerRow + 1 }.FirstOrDefault(r => string.Equals(sheet.Cell(r, objectiveColumn), "Role", StringComparison.OrdinalIgnoreCase));
        var columns = new List<(int Column, string? Wave, string? Rater, string? Role)>();
        for (var c = 0; c < header.Length; c++)
        {
            var text = header[c].Trim();
            if (c == objectiveColumn || text.Length == 0)
            {
                continue;
            }

            var wave = waves.FirstOrDefault(w => string.Equals(w.WaveId, text, StringComparison.OrdinalIgnoreCase) || string.Equals(w.Label, text, StringComparison.OrdinalIgnoreCase));
            if (roleRow > 0 && sheet.Cell(roleRow, c).Length > 0)
            {
                columns.Add((c, mapping?.Wave, text, sheet.Cell(roleRow, c)));
            }
            else if (wave is not null)
            {
                columns.Add((c, wave.WaveId, null, null));
            }
        }

        if (columns.Count == 0)
        {
            notes.Add($"Sheet \"{sheet.Name}\": the header row {headerRow} has an \"Objective\" column but no wave column (a wave id such as " +
                      $"{waves.FirstOrDefault()?.WaveId ?? "2019"}) and no rater columns with a \"Role\" row: nothing read from it");
            return [];
        }

        if (roleRow > 0 && mapping?.Wave is null && columns.Any(c => c.Rater is not null))
        {
            throw new PipelineInputException(
                $"Sheet \"{sheet.Name}\" has one column per rater; say which wave they rated with a mapping (format: workbook, wave: \"…\").");
        }

        var list = new List<SurveyRecord>();
        var firstDataRow = Math.Max(headerRow, roleRow) + 1;
        for (var row = firstDataRow; row <= sheet.Rows.Count; row++)
        {
            var objective = sheet.Cell(row, objectiveColumn).Trim();
            if (objective.Length == 0 && columns.All(c => sheet.Cell(row, c.Column).Length == 0))
            {
                continue;
            }

            var dimension = LeadingNumber().Match(objective) is { Success: true } m ? m.Groups[1].Value : objective;
            foreach (var (column, wave, rater, role) in columns)
            {
                var where = new Dictionary<string, string>
                {
                    ["level"] = sheet.Where(row, column),
                    ["dimension"] = sheet.Where(row, objectiveColumn),
                    ["unit"] = $"Sheet \"{sheet.Name}\" (its name)",
                    ["wave"] = rater is null ? sheet.Where(headerRow, column) : "wave (from the mapping)",
                    ["role"] = rater is null ? "role (a wave column holds the partnership's consensus)" : sheet.Where(roleRow, column),
                    ["rater"] = sheet.Where(headerRow, column),
                };
                var recordNetwork = network.Length > 0 ? network : waves.FirstOrDefault(w => w.WaveId == wave)?.NetworkId ?? "";
                var record = new LongRecord(row, recordNetwork, mapping?.Framework ?? "", wave ?? "", unit?.UnitId ?? sheet.Name,
                    role ?? mapping?.Role ?? "JOINT", rater ?? "", dimension, sheet.Cell(row, column), "", rater is null ? "true" : "false", "")
                {
                    RecordNo = ++recordNo,
                    SourceColumns = where,
                    SourceColumnsAreLocations = true,
                    Part = sheet.Name,
                };
                list.Add(new SurveyRecord(record, null, null));
            }
        }

        return list;
    }

    /// <summary>A sheet is a unit by its id, its roster name, or a roster name cut to Excel's 31-character sheet-name limit.</summary>
    private static (string UnitId, string NetworkId)? UnitOf(string sheetName, ReferenceIndex reference, SurveyMapping? mapping)
    {
        var name = sheetName.Trim();
        if (mapping?.Units.TryGetValue(name, out var mapped) == true && reference.Units.TryGetValue(mapped, out var m))
        {
            return m;
        }

        if (reference.Units.TryGetValue(name, out var byId) || reference.Units.TryGetValue(ReferenceIndex.Canon(name), out byId))
        {
            return byId;
        }

        var key = ReferenceIndex.Canon(name);
        var cut = reference.Units.Where(u => name.Length >= 28 && u.Key.StartsWith(key, StringComparison.Ordinal)).Select(u => u.Value).Distinct().ToList();
        return cut.Count == 1 ? cut[0] : null;
    }

    private static int? LongHeaderRow(Sheet sheet)
    {
        for (var row = 1; row <= Math.Min(sheet.Rows.Count, 20); row++)
        {
            if (!sheet.IsBlankRow(row) && LongFormatCsv.IsLongHeader(sheet.Rows[row - 1].Select(h => h.Trim().ToLowerInvariant()).ToList()))
            {
                return row;
            }
        }

        return null;
    }

    private static (int Row, int Column)? ObjectiveHeader(Sheet sheet)
    {
        for (var row = 1; row <= Math.Min(sheet.Rows.Count, 30); row++)
        {
            var cells = sheet.Rows[row - 1];
            for (var c = 0; c < cells.Length; c++)
            {
                if (string.Equals(cells[c].Trim(), "Objective", StringComparison.OrdinalIgnoreCase))
                {
                    return (row, c);
                }
            }
        }

        return null;
    }

    private static bool IsBlank(Sheet sheet) => sheet.Rows.All(r => r.All(string.IsNullOrWhiteSpace));

    [GeneratedRegex(@"^\s*(\d{1,2})\s*(?:[.):]|$)")]
    private static partial Regex LeadingNumber();
}
