using System.Globalization;
using DuckDB.NET.Data;
using ResearchPipeline.Models;

using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Ingest.Spreadsheets;

/// <summary>
/// Writes the partnership workbook the hub sends out before a wave (its layout), so that what comes back
/// is exactly what <see cref="WorkbookReader"/> reads: one sheet per unit named by its id, title rows, then
/// "Objective" | last stage "(for reference)" | the wave | Notes, one row per objective. The reference column and
/// notes are not wave columns, so they are never read back as ratings.
/// </summary>
public static class WorkbookTemplate
{
    public sealed record Result(string Path, int Sheets, int Objectives, string FrameworkId);

    public static Result Write(DuckDBConnection connection, string network, string waveId, string path)
    {
        var framework = Db.TextRows(connection, "select framework_id, name, version, dimension_term, level_term from core.frameworks where network_id = $1 order by framework_id", network);
        if (framework.Count != 1)
        {
            throw new PipelineInputException(framework.Count == 0
                ? $"Network {network} has no framework: cannot write a workbook template."
                : $"Network {network} has {framework.Count} frameworks; the workbook template needs one.");
        }

        var frameworkId = framework[0][0];
        var wave = Db.TextRows(connection, "select wave_id, label from core.waves where network_id = $1 and wave_id = $2", network, waveId);
        if (wave.Count == 0)
        {
            var known = Db.TextRows(connection, "select wave_id from core.waves where network_id = $1 order by starts_on", network).Select(r => r[0]);
            throw new PipelineInputException($"--wave {waveId} is not a wave of {network} (known: {string.Join(", ", known)}); add it with a waves CSV first.");
        }

        var units = Db.TextRows(connection, "select unit_id, name from core.units where network_id = $1 order by unit_id", network);
        var dimensions = Db.TextRows(connection, "select dimension_code, cast(number as varchar), title from core.dimensions where framework_id = $1 order by number", frameworkId);
        var levels = Db.TextRows(connection, "select cast(level_value as varchar), label from core.levels where framework_id = $1 order by progress_rank", frameworkId);
        var reference = LastStages(connection, network, waveId);

        var about = $"{framework[0][1]} ({framework[0][2]}): self-assessment for {wave[0][1]}.";
        var instructions = $"In column C, enter your partnership's agreed {framework[0][4]} for each {framework[0][3]}: a number or its name " +
                           $"({string.Join("; ", levels.Select(l => $"{l[0]} {l[1]}"))}). Leave it blank if you did not assess it.";
        var sheets = units.Select(unit =>
        {
            var last = reference.Where(r => r.Unit == unit[0]).ToList();
            return PartnershipSheet(unit[0], unit[1], about, instructions, last.Select(r => r.Wave).FirstOrDefault(), waveId,
                dimensions.Select(d => (Objective: $"{d[1]}. {d[2]}", Reference: last.FirstOrDefault(r => r.Dimension == d[0]) is { } b ? $"{b.Level} - {b.Label}" : "", Value: (object?)null)).ToList());
        }).ToList();
        XlsxWriter.Write(path, sheets);
        return new Result(path, units.Count, dimensions.Count, frameworkId);
    }

    /// <summary>
    /// One partnership sheet in the layout <see cref="WorkbookReader"/> reads: title rows, then Objective | last stage
    /// "(for reference)" | the wave | Notes. <paramref name="rows"/> values, when given, fill the wave column.
    /// </summary>
    public static XlsxSheet PartnershipSheet(string sheetName, string unitName, string about, string instructions, string? lastWave, string waveId,
        IReadOnlyList<(string Objective, string Reference, object? Value)> rows)
    {
        var sheet = new XlsxSheet(sheetName) { FrozenRows = 5 };
        sheet.Set(1, 0, unitName, XlsxSheet.Title)
            .Set(2, 0, about, XlsxSheet.Wrapped)
            .Set(3, 0, instructions, XlsxSheet.Wrapped)
            .Set(5, 0, "Objective", XlsxSheet.Header)
            .Set(5, 1, lastWave is null ? "Last stage (for reference)" : $"{lastWave} (for reference)", XlsxSheet.Header)
            .Set(5, 2, waveId, XlsxSheet.Header)
            .Set(5, 3, "Notes", XlsxSheet.Header);
        sheet.Merges.AddRange(["A1:D1", "A2:D2", "A3:D3"]);
        foreach (var (width, i) in new[] { 70.0, 34, 14, 40 }.Select((w, i) => (w, i)))
        {
            sheet.Widths[i] = width;
        }

        var row = 6;
        foreach (var (objective, reference, value) in rows)
        {
            sheet.Set(row, 0, objective);
            if (reference.Length > 0)
            {
                sheet.Set(row, 1, reference, XlsxSheet.Muted);
            }

            if (value is not null)
            {
                sheet.Set(row, 2, value);
            }

            row++;
        }

        return sheet;
    }

    private sealed record Last(string Unit, string Dimension, string Wave, string Level, string Label);

    /// <summary>Each unit's stage per dimension at its last rated wave before <paramref name="waveId"/> (empty before the first transform).</summary>
    private static List<Last> LastStages(DuckDBConnection connection, string network, string waveId)
    {
        if (Db.TextRows(connection, "select 1 from duckdb_tables() where schema_name = 'marts' and table_name = 'stage_history'").Count == 0)
        {
            return [];
        }

        return Db.TextRows(connection, """
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
}
