using System.Globalization;
using ResearchPipeline.Jobs.Cli;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Jobs.Commands.Export;

/// <summary>
/// <c>rp export --format sequences</c>: each unit's stage on each dimension over the waves (ALL stages, progress ranks),
/// from the published snapshot, in the two shapes longitudinal methods read:
/// <list type="bullet">
/// <item><c>sequences-&lt;framework&gt;.csv</c>: one row per unit × dimension, one column per wave in wave order (TraMineR's
/// STS format: <c>seqdef(read.csv(f), 4:ncol)</c>); a wave the unit was not rated in is empty, which R reads as NA.</item>
/// <item><c>multistate-&lt;framework&gt;.csv</c>: one row per unit × dimension × rated wave, ordered by subject and time, with
/// the time since the subject's first rated wave in waves and in years (R msm: <c>msm(stage ~ years, subject = subject)</c>).</item>
/// </list>
/// </summary>
public static class SequenceExport
{
    public static List<(string File, long Rows)> Write(RpContext context, string outDir)
    {
        using var connection = context.OpenSnapshot();
        Directory.CreateDirectory(outDir);
        var written = new List<(string, long)>();
        foreach (var framework in Db.Strings(connection, "select framework_id from research.frameworks order by 1"))
        {
            var waves = Db.Rows(connection, """
                select w.wave_id from research.waves w join research.frameworks f on f.network_id = w.network_id
                where f.framework_id = $1 order by w.wave_seq
                """, framework).Select(r => (string)r[0]!).ToList();
            var stages = Db.Rows(connection, """
                select h.unit_id, h.dimension_code, d.number, h.wave_id, h.wave_seq, h.stage, w.starts_on
                from research.stage_history h
                join research.dimensions d on d.framework_id = h.framework_id and d.dimension_code = h.dimension_code
                join research.waves w on w.network_id = h.network_id and w.wave_id = h.wave_id
                where h.framework_id = $1 and h.role_code = 'ALL'
                order by h.unit_id, d.number, h.wave_seq
                """, framework);
            if (stages.Count == 0)
            {
                continue;
            }

            var subjects = stages.GroupBy(r => ((string)r[0]!, (string)r[1]!)).ToList();
            var sts = Path.Combine(outDir, $"sequences-{framework}.csv");
            Write(sts, ["unit_id", "dimension_code", "dimension_number", .. waves], subjects.Select(s =>
            {
                var byWave = s.ToDictionary(r => (string)r[3]!, r => Text(r[5]));
                return (IEnumerable<string>)[s.Key.Item1, s.Key.Item2, Text(s.First()[2]), .. waves.Select(w => byWave.GetValueOrDefault(w, ""))];
            }));
            written.Add((sts, subjects.Count));

            var multistate = Path.Combine(outDir, $"multistate-{framework}.csv");
            Write(multistate, ["subject", "unit_id", "dimension_code", "wave_id", "wave_seq", "stage", "waves_since_first", "years_since_first"], subjects.SelectMany(s =>
            {
                var first = s.First();
                return s.Select(r => (IEnumerable<string>)[$"{s.Key.Item1}:{s.Key.Item2}", s.Key.Item1, s.Key.Item2, (string)r[3]!, Text(r[4]), Text(r[5]),
                    Text(Convert.ToInt64(r[4], CultureInfo.InvariantCulture) - Convert.ToInt64(first[4], CultureInfo.InvariantCulture)),
                    ((Day(r[6]) - Day(first[6])) / 365.25).ToString("0.###", CultureInfo.InvariantCulture)]);
            }));
            written.Add((multistate, stages.Count));
        }

        foreach (var (file, rows) in written)
        {
            context.Output.WriteLine($"  {file}: {rows} rows");
        }

        context.Output.WriteLine($"Exported stage sequences to {outDir}: sequences-*.csv (TraMineR STS: a row per unit × dimension, a column per wave) and multistate-*.csv (a row per rated wave, with time since the first, for msm).");
        return written;
    }

    private static void Write(string path, IEnumerable<string> header, IEnumerable<IEnumerable<string>> rows)
    {
        using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
        writer.WriteLine(string.Join(',', header.Select(QueryFormatter.Csv)));
        foreach (var row in rows)
        {
            writer.WriteLine(string.Join(',', row.Select(QueryFormatter.Csv)));
        }
    }

    private static string Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    private static double Day(object? date) => date switch
    {
        DateOnly d => d.DayNumber,
        DateTime t => DateOnly.FromDateTime(t).DayNumber,
        _ => throw new InvalidOperationException($"A wave's start date reads as {date?.GetType().Name ?? "null"}."),
    };
}
