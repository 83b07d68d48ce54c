using System.Globalization;
using ResearchPipeline.Ingest.LongFormat;
using ResearchPipeline.Ingest.Roster;
using ResearchPipeline.Ingest.Spreadsheets;
using ResearchPipeline.Models;

namespace ResearchPipeline.Jobs.Samples;

/// <summary>
/// Writes the generated iLEAD ratings again as partnership workbooks: a clean one for the last wave, as the hub's
/// template comes back filled in, and a messy one for an earlier wave, edited the way people edit spreadsheets.
/// Each cell holds the partnership's stage by the warehouse's own stage rule (the team's consensus if it gave one,
/// else the lower median of its raters), so ingesting them after the long-format file changes no stage.
/// </summary>
public static class WorkbookSampleWriter
{
    public static IReadOnlyList<string> Write(string outDir, string ileadCsv)
    {
        var framework = ReferenceData.BuiltInFrameworks().Single(f => f.FrameworkId == "ilead-dp-2018");
        var names = RosterCsvReader.Read("roster.csv", new StringReader(ReferenceData.RosterCsv())).Rows
            .GroupBy(r => r.UnitId).ToDictionary(g => g.Key, g => g.First().UnitName);
        var records = LongFormatCsv.Read(Path.GetFileName(ileadCsv), new StringReader(File.ReadAllText(ileadCsv))).Records;
        var waves = records.Select(r => r.Wave).Distinct().Order(StringComparer.Ordinal).ToList();
        var units = records.Select(r => r.Unit).Distinct().Order(StringComparer.Ordinal).ToList();
        if (waves.Count < 3)
        {
            return [];
        }

        string About(string wave) => $"{framework.Name} ({framework.Version}): self-assessment for {wave} (synthetic sample data).";
        var instructions = "In column C, enter your partnership's agreed stage for each objective: a number or its name " +
                           $"({string.Join("; ", framework.Levels.Select(l => $"{l.Value} {l.Label}"))}). Leave it blank if you did not assess it.";
        Directory.CreateDirectory(outDir);

        // Clean: the last wave, every partnership, as the template comes back.
        var last = waves[^1];
        var clean = units.Select(u => FilledSheet(u)).ToList();
        XlsxSheet FilledSheet(string unit) => WorkbookTemplate.PartnershipSheet(unit, names[unit], About(last), instructions, waves[^2], last,
            framework.Dimensions.Select(d => (
                $"{d.Number}. {d.Title}",
                Stage(records, unit, waves[^2], d.Code) is { } s ? $"{s} - {framework.Levels.Single(l => l.Value == s).Label}" : "",
                Stage(records, unit, last, d.Code) is { } v ? (object?)v : null)).ToList());
        var cleanPath = Path.Combine(outDir, $"partnership-workbook-{last}.xlsx");
        XlsxWriter.Write(cleanPath, clean);

        // Messy: an earlier wave, three partnerships, edited by hand.
        var wave = waves[^3];
        var messy = new List<XlsxSheet>();
        foreach (var (unit, i) in units.Take(3).Select((u, i) => (u, i)))
        {
            var sheetName = i == 1 ? names[unit][..Math.Min(31, names[unit].Length)] : unit; // one sheet named by the roster name, cut to Excel's 31 characters
            var sheet = new XlsxSheet(sheetName);
            sheet.Set(1, 0, $"{names[unit]} - our journey (synthetic sample data)", XlsxSheet.Title).Merges.Add("A1:F1");
            sheet.Set(2, 0, "Last updated").Set(2, 2, new DateTime(int.Parse(wave, CultureInfo.InvariantCulture), 11, 30));
            sheet.Set(4, 0, "Objective ", XlsxSheet.Header).Set(4, 2, int.Parse(wave, CultureInfo.InvariantCulture), XlsxSheet.Header).Set(4, 3, "Notes", XlsxSheet.Header);
            var row = 5;
            foreach (var d in framework.Dimensions)
            {
                if (d.Number == 11)
                {
                    row++; // a blank row between the IHE and LEA objectives
                }

                sheet.Set(row, 0, d.Number % 2 == 0 ? d.Number.ToString(CultureInfo.InvariantCulture) : $"{d.Number}. {d.Title}  ");
                if (Stage(records, unit, wave, d.Code) is { } s)
                {
                    object typed = (d.Number % 4) switch
                    {
                        0 => (double)s,                                                     // a number
                        1 => $" {s} ",                                                       // text with spaces
                        2 => framework.Levels.Single(l => l.Value == s).Label,               // the stage name
                        _ => $"{s} - {framework.Levels.Single(l => l.Value == s).Label}",    // "2 - Small change implementation"
                    };
                    sheet.Set(row, 2, typed);
                }

                if (d.Number == 5)
                {
                    sheet.Set(row, 3, "discussed at the March meeting");
                }

                row++;
            }

            if (i == 2)
            {
                sheet.Set(row + 1, 0, "7. Institutional and State Approvals").Set(row + 1, 2, "Stage 5"); // typed twice, with a stage that does not exist
            }

            messy.Add(sheet);
        }

        var hidden = new XlsxSheet("old draft") { Hidden = true };
        hidden.Set(1, 0, "Objective").Set(1, 1, wave).Set(2, 0, "1").Set(2, 1, 4.0);
        messy.Add(hidden);
        var messyPath = Path.Combine(outDir, $"messy-workbook-{wave}.xlsx");
        XlsxWriter.Write(messyPath, messy);
        return [cleanPath, messyPath];
    }

    /// <summary>The warehouse's stage rule on the raw sample rows: the latest consensus, else the lower median of the raters' stages.</summary>
    private static int? Stage(List<LongRecord> records, string unit, string wave, string dimension)
    {
        var rated = records.Where(r => r.Unit == unit && r.Wave == wave && r.Dimension == dimension && r.Level.Length > 0).ToList();
        if (rated.LastOrDefault(r => r.IsConsensus == "true") is { } consensus)
        {
            return int.Parse(consensus.Level, CultureInfo.InvariantCulture);
        }

        var ranks = rated.Select(r => int.Parse(r.Level, CultureInfo.InvariantCulture)).Order().ToList();
        return ranks.Count == 0 ? null : ranks[(ranks.Count - 1) / 2];
    }
}
