using System.Globalization;
using System.Text;
using ResearchPipeline.Ingest.LongFormat;
using ResearchPipeline.Jobs.Cli;
using ResearchPipeline.Ingest.Roster;
using ResearchPipeline.Models;

namespace ResearchPipeline.Jobs.Samples;

/// <summary>
/// Deterministic synthetic ratings in the long format. Trajectories mostly progress, with stalls and a few
/// regressions; 2020 responses are thin; some objectives go unrated. More partnerships than the roster's
/// 11 are invented, with their roster.csv (and waves.csv when more waves are asked for) written beside the ratings.
/// </summary>
public sealed class SampleGenerator(SampleOptions options)
{
    private static readonly string[] FirstNames =
        ["Ana", "Ben", "Chen", "Dana", "Eli", "Fatima", "Gabe", "Hana", "Ivan", "Jada", "Kofi", "Lena", "Marco", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sam", "Tariq"];

    private static readonly string[] LastNames =
        ["Alvarez", "Brooks", "Chowdhury", "Diaz", "Edwards", "Fischer", "Garcia", "Hughes", "Ito", "Johnson", "Kim", "Lopez", "Mensah", "Nguyen", "Okafor", "Patel"];

    private static readonly int[] NoStageOne = [16, 22, 23, 24];

    private static readonly string[] TxnsiRoles = ["IMPROVEMENT_TEAM", "IMPROVEMENT_FACILITATOR", "SCHOOL_LEADER", "DISTRICT_LEADER", "HUB_TEAM"];

    private static readonly string[] TxnsiOutcomes = ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "4.1", "4.2", "4.3", "5.1", "5.2", "5.3"];

    public sealed record Written(IReadOnlyList<string> Files, long Ratings);

    public Written Generate(string outDir)
    {
        Directory.CreateDirectory(outDir);
        var files = new List<string>();
        var random = new Random(options.Seed);
        var roster = RosterCsvReader.Read("roster.csv", new StringReader(ReferenceData.RosterCsv())).Rows
            .Where(r => r.Network == "ilead").Select(r => (r.UnitId, r.OrgId, r.MemberRole)).ToList();
        var units = roster.Select(r => r.UnitId).Distinct().Take(options.Partnerships).ToList();
        var invented = new List<string>();
        for (var i = units.Count + 1; i <= options.Partnerships; i++)
        {
            var id = $"syn-p{i:D4}";
            units.Add(id);
            invented.Add(id);
        }

        var allWaves = Enumerable.Range(2018, options.Waves + (options.ExtraWave ? 1 : 0)).Select(y => y.ToString(CultureInfo.InvariantCulture)).ToList();
        var waves = allWaves.Take(options.Waves).ToList();
        if (invented.Count > 0)
        {
            files.Add(WriteRoster(outDir, invented));
        }

        if (allWaves.Count > 5)
        {
            files.Add(WriteWaves(outDir, allWaves.Skip(5)));
        }

        var header = $"{LongFormatCsv.SyntheticMarker}: rp samples generate --partnerships {options.Partnerships} --waves {options.Waves} --raters {options.MaxRaters} --seed {options.Seed}" +
                     (options.FullResponse ? " --full-response" : "") + (options.ExtraWave ? " --extra-wave" : "");
        var path = Path.Combine(outDir, "ilead-ratings.csv");
        var extraPath = Path.Combine(outDir, "ilead-ratings-extra-wave.csv");
        long count = 0;

        // Streamed: one partnership's state at a time, whatever the scale. The extra wave continues each partnership's
        // trajectory into its own file.
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" })
        using (var extra = options.ExtraWave ? new StreamWriter(extraPath, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" } : null)
        {
            foreach (var w in new[] { writer, extra }.OfType<StreamWriter>())
            {
                w.WriteLine(header);
                w.WriteLine(string.Join(',', LongFormatCsv.Columns));
            }

            foreach (var unit in units)
            {
                count += WritePartnership(writer, extra, unit, allWaves, random);
            }
        }

        files.Insert(0, path);
        if (options.ExtraWave)
        {
            files.Insert(1, extraPath);
        }

        if (options.IncludeTxnsi)
        {
            var txnsi = Path.Combine(outDir, "txnsi-ic-ratings.csv");
            using var writer = new StreamWriter(txnsi, false, new UTF8Encoding(false)) { NewLine = "\n" };
            writer.WriteLine(header);
            writer.WriteLine(string.Join(',', LongFormatCsv.Columns));
            count += WriteTxnsi(writer, random);
            files.Add(txnsi);
        }

        if (options.Workbooks)
        {
            files.AddRange(WorkbookSampleWriter.Write(Path.Combine(outDir, "workbooks"), path));
        }

        if (options.Surveys)
        {
            files.AddRange(SurveyExportWriter.Write(Path.Combine(outDir, "surveys"), path, options.IncludeTxnsi ? Path.Combine(outDir, "txnsi-ic-ratings.csv") : null));
        }

        return new Written(files, count);
    }

    private long WritePartnership(StreamWriter main, StreamWriter? extra, string unit, List<string> waves, Random random)
    {
        long n = 0;
        var raterCount = options.FullResponse ? options.MaxRaters : random.Next(3, Math.Max(3, options.MaxRaters) + 1);
        var raters = Enumerable.Range(0, raterCount).Select(i =>
        {
            var role = i % 2 == 0 ? "IHE" : "LEA";
            var name = $"{FirstNames[random.Next(FirstNames.Length)]}.{LastNames[random.Next(LastNames.Length)]}{i}";
            return (Role: role, Email: $"{name.ToLowerInvariant()}@{unit}.{(role == "IHE" ? "edu" : "k12")}.example.org");
        }).ToList();
        var usesConsensus = random.NextDouble() < 0.3;

        // True stage per objective, walked forward wave by wave.
        var stage = Enumerable.Range(1, 24).ToDictionary(o => o, o => Math.Max(NoStageOne.Contains(o) ? 2 : 1, random.NextDouble() < 0.6 ? 1 : 2));
        foreach (var wave in waves)
        {
            var w = extra is not null && wave == waves[^1] ? extra : main;
            var year = int.Parse(wave, CultureInfo.InvariantCulture);
            foreach (var o in stage.Keys.ToList())
            {
                var roll = random.NextDouble();
                var step = wave == waves[0] ? 0 : roll < 0.35 ? 1 : roll < 0.92 ? 0 : -1;
                stage[o] = Math.Clamp(stage[o] + step, NoStageOne.Contains(o) ? 2 : 1, 4);
            }

            var responseRate = options.FullResponse ? 1.0 : year == 2020 ? 0.45 : 0.9;
            foreach (var (role, email) in raters)
            {
                if (random.NextDouble() >= responseRate)
                {
                    continue;
                }

                var day = new DateOnly(year, 4, 1).AddDays(random.Next(0, 60));
                foreach (var o in stage.Keys)
                {
                    var noise = random.NextDouble();
                    var level = Math.Clamp(stage[o] + (noise < 0.15 ? -1 : noise > 0.85 ? 1 : 0), 1, 4);
                    var unrated = !options.FullResponse && random.NextDouble() < 0.03;
                    var comment = random.NextDouble() < 0.02 ? "We ran a PDSA cycle on this, see notes" : "";
                    w.WriteLine(Line("ilead", "ilead-dp-2018", wave, unit, role, email, o.ToString(CultureInfo.InvariantCulture),
                        unrated ? "" : level.ToString(CultureInfo.InvariantCulture), day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "false", comment));
                    n++;
                }
            }

            if (usesConsensus && year != 2020)
            {
                var day = new DateOnly(year, 6, 15);
                foreach (var o in stage.Keys)
                {
                    w.WriteLine(Line("ilead", "ilead-dp-2018", wave, unit, "JOINT", "", o.ToString(CultureInfo.InvariantCulture),
                        stage[o].ToString(CultureInfo.InvariantCulture), day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "true", ""));
                    n++;
                }
            }
        }

        return n;
    }

    private static long WriteTxnsi(StreamWriter w, Random random)
    {
        long n = 0;
        var teams = RosterCsvReader.Read("roster.csv", new StringReader(ReferenceData.RosterCsv())).Rows
            .Where(r => r.Network == "txnsi").Select(r => r.UnitId).Distinct().ToList();
        string[] waves = ["2021-fall", "2022-spring", "2022-fall", "2023-spring"];
        foreach (var team in teams)
        {
            // Level 5 is Entry, Level 1 is Ideal: teams start near entry and move toward lower numbers.
            var level = TxnsiRoles.SelectMany(r => TxnsiOutcomes.Select(o => (r, o))).ToDictionary(k => k, _ => random.Next(4, 6));
            for (var wi = 0; wi < waves.Length; wi++)
            {
                var date = wi % 2 == 0 ? new DateOnly(2021 + (wi / 2), 11, 10) : new DateOnly(2022 + (wi / 2), 4, 20);
                foreach (var role in TxnsiRoles)
                {
                    foreach (var outcome in TxnsiOutcomes)
                    {
                        if (wi > 0 && random.NextDouble() < 0.4)
                        {
                            level[(role, outcome)] = Math.Max(1, level[(role, outcome)] - 1);
                        }

                        w.WriteLine(Line("txnsi", "txnsi-ic-2022", waves[wi], team, role, $"{role.ToLowerInvariant()}@{team}.example.org", outcome,
                            $"Level {level[(role, outcome)]}", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "true", ""));
                        n++;
                    }
                }
            }
        }

        return n;
    }

    private static string WriteRoster(string outDir, List<string> invented)
    {
        var path = Path.Combine(outDir, "roster.csv");
        using var w = new StreamWriter(path, false, new UTF8Encoding(false)) { NewLine = "\n" };
        w.WriteLine(string.Join(',', RosterCsvReader.Columns));
        foreach (var id in invented)
        {
            var number = id[5..];
            var name = $"Synthetic Partnership {number}";
            w.WriteLine($"ilead,{id},{name},syn-ihe-{number},Synthetic University {number},IHE,IHE,2017-09-01,");
            w.WriteLine($"ilead,{id},{name},syn-lea-{number},Synthetic School District {number},LEA,LEA,2017-09-01,");
        }

        return path;
    }

    private static string WriteWaves(string outDir, IEnumerable<string> extra)
    {
        var path = Path.Combine(outDir, "waves.csv");
        using var w = new StreamWriter(path, false, new UTF8Encoding(false)) { NewLine = "\n" };
        w.WriteLine("network_id,wave_id,label,starts_on,ends_on");
        foreach (var wave in extra)
        {
            w.WriteLine($"ilead,{wave},{wave} annual self-assessment,{wave}-01-01,{wave}-12-31");
        }

        return path;
    }

    private static string Line(params string[] fields) => string.Join(',', fields.Select(f => CsvField.Quote(f)));
}
