using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ResearchPipeline.Ingest.LongFormat;
using ResearchPipeline.Jobs.Cli;
using ResearchPipeline.Ingest.Roster;
using ResearchPipeline.Models;
using ResearchPipeline.Models.Frameworks;

namespace ResearchPipeline.Jobs.Samples;

/// <summary>
/// Writes the generated long-format ratings of one wave again as the survey tools would export them, with a mapping
/// file beside each (<c>&lt;name&gt;.mapping.yaml</c>): Qualtrics CSV (iLEAD), SurveyMonkey CSV (iLEAD), Google Forms
/// CSV (iLEAD) and a Qualtrics TSV in UTF-16 (TXNSI IC maps). Ingested after the long-format files, they agree with
/// them: same raters, units, roles, dimensions, waves and levels. The Qualtrics export also holds what real exports
/// hold: a preview response, a respondent who submitted twice, and a comment with a comma and a line break.
/// </summary>
public static class SurveyExportWriter
{
    private const string Ilead = "ilead-dp-2018";

    public static IReadOnlyList<string> Write(string outDir, string ileadCsv, string? txnsiCsv)
    {
        Directory.CreateDirectory(outDir);
        var frameworks = ReferenceData.BuiltInFrameworks().ToDictionary(f => f.FrameworkId);
        var names = RosterCsvReader.Read("roster.csv", new StringReader(ReferenceData.RosterCsv())).Rows
            .GroupBy(r => r.UnitId).ToDictionary(g => g.Key, g => g.First().UnitName);
        var ilead = LongFormatCsv.Read(Path.GetFileName(ileadCsv), new StringReader(File.ReadAllText(ileadCsv))).Records;
        var written = new List<string>();
        var waves = ilead.Select(r => r.Wave).Distinct().Order(StringComparer.Ordinal).ToList();
        if (waves.Count >= 3)
        {
            written.AddRange(Qualtrics(outDir, "qualtrics-ilead-" + waves[^1], Responses(ilead, waves[^1]), frameworks[Ilead], names, waves[^1]));
            written.AddRange(SurveyMonkey(outDir, "surveymonkey-ilead-" + waves[^2], Responses(ilead, waves[^2]), frameworks[Ilead], names));
            written.AddRange(GoogleForms(outDir, "googleforms-ilead-" + waves[^3], Responses(ilead, waves[^3]), frameworks[Ilead], names));
        }

        if (txnsiCsv is not null)
        {
            var txnsi = LongFormatCsv.Read(Path.GetFileName(txnsiCsv), new StringReader(File.ReadAllText(txnsiCsv))).Records;
            var wave = txnsi.Select(r => r.Wave).Distinct().Order(StringComparer.Ordinal).Last();
            written.AddRange(QualtricsTsv(outDir, "qualtrics-txnsi-" + wave, Responses(txnsi, wave), frameworks["txnsi-ic-2022"], names, wave));
        }

        return written;
    }

    /// <summary>One survey response per rater × unit × role of the wave (individual ratings only), levels by dimension.</summary>
    private static List<Response> Responses(List<LongRecord> records, string wave) =>
        records.Where(r => r.Wave == wave && r.Rater.Length > 0)
            .GroupBy(r => (r.Unit, r.Role, r.Rater))
            .Select(g => new Response(g.Key.Unit, g.Key.Role, g.Key.Rater, DateTime.Parse(g.First().RatedAt, CultureInfo.InvariantCulture).AddHours(9).AddMinutes(Hash(g.Key.Rater) % 480),
                g.ToDictionary(r => r.Dimension, r => r.Level), g.Select(r => r.Comment).FirstOrDefault(c => c.Length > 0) ?? "", g.First().IsConsensus == "true"))
            .ToList();

    private static IEnumerable<string> Qualtrics(string dir, string name, List<Response> responses, FrameworkDefinition f, Dictionary<string, string> names, string wave)
    {
        string[] meta = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished", "RecordedDate", "ResponseId",
            "RecipientLastName", "RecipientFirstName", "RecipientEmail", "ExternalReference", "DistributionChannel", "UserLanguage"];
        string[] metaText = ["Start Date", "End Date", "Response Type", "IP Address", "Progress", "Duration (in seconds)", "Finished", "Recorded Date",
            "Response ID", "Recipient Last Name", "Recipient First Name", "Recipient Email", "External Data Reference", "Distribution Channel", "User Language"];
        var ids = meta.Concat(["Q1", "Q2"]).Concat(f.Dimensions.Select(d => $"Q3_{d.Number}")).Append("Q30").ToList();
        var text = metaText.Concat(["Which partnership are you part of?", "What is your role in the partnership?"])
            .Concat(f.Dimensions.Select(d => $"Where is your partnership today on each objective? - {d.Title}"))
            .Append("Anything else you would like the hub to know?").ToList();
        var import = meta.Select(m => $"{{\"ImportId\":\"{char.ToLowerInvariant(m[0])}{m[1..].Replace(" ", "", StringComparison.Ordinal)}\"}}")
            .Concat(["{\"ImportId\":\"QID1\"}", "{\"ImportId\":\"QID2\"}"])
            .Concat(f.Dimensions.Select(d => $"{{\"ImportId\":\"QID3_{d.Number}\"}}")).Append("{\"ImportId\":\"QID30_TEXT\"}").ToList();
        var rows = new List<List<string>> { ids, text, import };
        string Role(string code) => code == "IHE" ? "University faculty or staff" : code == "LEA" ? "School district staff" : "Hub staff";
        List<string> Row(Response r, string status, Func<int, string> level, DateTime at)
        {
            var (first, last) = Person(r.Rater);
            return [At(at.AddMinutes(-12)), At(at), status, "192.0.2." + (Hash(r.Rater) % 250), "100", "720", "True", At(at), "R_" + Hex(r.Rater + at.Ticks)[..15],
                last, first, r.Rater, "", "email", "EN", names[r.Unit], Role(r.Role), .. f.Dimensions.Select(d => level(d.Number)), r.Comment];
        }

        string Label(Response r, int number) => r.Levels.GetValueOrDefault(number.ToString(CultureInfo.InvariantCulture)) is { Length: > 0 } v
            ? f.Levels.Single(l => l.Value == int.Parse(v, CultureInfo.InvariantCulture)).Label : "";
        foreach (var r in responses)
        {
            if (r == responses[2])
            {
                // This respondent first submitted a rougher answer, then the one that counts.
                rows.Add(Row(r, "IP Address", n => n % 3 == 0 ? "" : f.Levels[0].Label, r.At.AddDays(-3)));
            }

            rows.Add(Row(r with { Comment = r.Comment.Length > 0 ? "We ran a PDSA cycle on this,\nsee the notes from May" : "" }, "IP Address", n => Label(r, n), r.At));
        }

        var preview = responses[0] with { Rater = "preview.tester@hub.example.org" };
        rows.Insert(4, Row(preview, "Survey Preview", _ => f.Levels[^1].Label, preview.At));
        return Save(dir, name, ".csv", rows, ',', new UTF8Encoding(true), $"""
            # Qualtrics CSV export of the {wave} iLEAD self-assessment (synthetic sample data).
            format: qualtrics
            network: ilead
            framework: {Ilead}
            wave: "{wave}"
            columns:
              unit: Q1
              role: Q2
              rater: RecipientEmail
              rated_at: RecordedDate
              comment: Q30
            dimensions: by-question-text      # the question text names each objective by its title
            roles:
              "University faculty or staff": IHE
              "School district staff": LEA
              "Hub staff": HUB

            """);
    }

    private static IEnumerable<string> SurveyMonkey(string dir, string name, List<Response> responses, FrameworkDefinition f, Dictionary<string, string> names)
    {
        string[] meta = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name", "Last Name", "Custom Data 1"];
        var first = meta.Concat(["Which partnership are you part of?", "What is your role?", "Please rate your partnership on each objective."])
            .Concat(f.Dimensions.Skip(1).Select(_ => "")).Append("Anything else?").ToList();
        var second = meta.Select(_ => "").Concat(["Response", "Response"]).Concat(f.Dimensions.Select(d => $"{d.Number}. {d.Title}")).Append("Open-Ended Response").ToList();
        var rows = new List<List<string>> { first, second };
        foreach (var r in responses)
        {
            var (given, family) = Person(r.Rater);
            rows.Add([(11_000_000_000L + Hash(r.Rater)).ToString(CultureInfo.InvariantCulture), "405123456", r.At.AddMinutes(-9).ToString("MM/dd/yyyy hh:mm:ss tt", CultureInfo.InvariantCulture),
                r.At.ToString("MM/dd/yyyy hh:mm:ss tt", CultureInfo.InvariantCulture), "198.51.100." + (Hash(r.Rater) % 250), r.Rater, given, family, "",
                names[r.Unit], r.Role == "IHE" ? "University" : r.Role == "LEA" ? "District" : "Hub",
                .. f.Dimensions.Select(d => r.Levels.GetValueOrDefault(d.Code) is { Length: > 0 } v ? $"{v} - {f.Levels.Single(l => l.Value == int.Parse(v, CultureInfo.InvariantCulture)).Label}" : ""),
                r.Comment]);
        }

        return Save(dir, name, ".csv", rows, ',', new UTF8Encoding(false), """
            # SurveyMonkey CSV export (two header rows) of an iLEAD self-assessment (synthetic sample data).
            # No wave: each response is placed in the wave its End Date falls in.
            format: surveymonkey
            network: ilead
            framework: ilead-dp-2018
            columns:
              unit: Which partnership are you part of?
              role: What is your role?
              rater: Email Address
              rated_at: End Date
              comment: Anything else?
            dimensions: by-question-text      # "7. Title" sub-questions of the matrix question
            roles:
              University: IHE
              District: LEA
              Hub: HUB

            """);
    }

    private static IEnumerable<string> GoogleForms(string dir, string name, List<Response> responses, FrameworkDefinition f, Dictionary<string, string> names)
    {
        var header = new List<string> { "Timestamp", "Email Address", "Partnership", "Role" };
        header.AddRange(f.Dimensions.Select(d => $"Where is your partnership on each objective? [Objective {d.Number}: {d.Title}]"));
        header.Add("Comments");
        var rows = new List<List<string>> { header };
        foreach (var r in responses)
        {
            rows.Add([r.At.ToString("M/d/yyyy H:mm:ss", CultureInfo.InvariantCulture), r.Rater, names[r.Unit], r.Role,
                .. f.Dimensions.Select(d => r.Levels.GetValueOrDefault(d.Code) is { Length: > 0 } v ? "Stage " + v : ""), r.Comment]);
        }

        return Save(dir, name, ".csv", rows, ',', new UTF8Encoding(false), """
            # Google Forms CSV export of an iLEAD self-assessment (synthetic sample data).
            format: googleforms
            network: ilead
            framework: ilead-dp-2018
            columns:
              unit: Partnership
              role: Role
              rater: Email Address
              rated_at: Timestamp
              comment: Comments
            dimensions: by-question-text      # "Question [Objective 7: Title]" headers

            """);
    }

    private static IEnumerable<string> QualtricsTsv(string dir, string name, List<Response> responses, FrameworkDefinition f, Dictionary<string, string> names, string wave)
    {
        var ids = new List<string> { "StartDate", "EndDate", "Status", "RecordedDate", "ResponseId", "RecipientEmail", "Q1", "Q2", "Q4" };
        ids.AddRange(f.Dimensions.Select(d => $"Q5_{d.Number}"));
        var text = new List<string> { "Start Date", "End Date", "Response Type", "Recorded Date", "Response ID", "Recipient Email", "Team", "Role", "Is this your team's consensus rating?" };
        text.AddRange(f.Dimensions.Select(d => $"Where is your team on each desired outcome? - {d.Code} {d.Title}"));
        var import = ids.Select(i => $"{{\"ImportId\":\"{i}\"}}").ToList();
        var rows = new List<List<string>> { ids, text, import };
        foreach (var r in responses)
        {
            var role = f.Roles.Single(x => x.Code == r.Role).Name;
            rows.Add([At(r.At.AddMinutes(-20)), At(r.At), "IP Address", At(r.At), "R_" + Hex(r.Rater + r.Unit)[..15], r.Rater, names[r.Unit], role, r.IsConsensus ? "Yes" : "No",
                .. f.Dimensions.Select(d => r.Levels.GetValueOrDefault(d.Code) is { Length: > 0 } v ? f.Levels.Single(l => l.Value == int.Parse(v.Replace("Level ", "", StringComparison.Ordinal), CultureInfo.InvariantCulture)).Label : "")]);
        }

        return Save(dir, name, ".tsv", rows, '\t', new UnicodeEncoding(false, true), $"""
            # Qualtrics TSV export (UTF-16, as Qualtrics writes TSV) of the {wave} TXNSI IC-map check (synthetic sample data).
            format: qualtrics
            network: txnsi
            framework: txnsi-ic-2022
            wave: "{wave}"
            columns:
              unit: Q1
              role: Q2
              rater: RecipientEmail
              rated_at: RecordedDate
              is_consensus: Q4
            dimensions: by-question-text      # the question text names each outcome by its code, "3.2"

            """);
    }

    private static IEnumerable<string> Save(string dir, string name, string extension, List<List<string>> rows, char separator, Encoding encoding, string mapping)
    {
        var path = Path.Combine(dir, name + extension);
        using (var writer = new StreamWriter(path, false, encoding) { NewLine = "\r\n" })
        {
            foreach (var row in rows)
            {
                writer.WriteLine(string.Join(separator, row.Select(v => CsvField.Quote(v, separator))));
            }
        }

        var mappingPath = Path.Combine(dir, name + ".mapping.yaml");
        File.WriteAllText(mappingPath, mapping);
        return [path, mappingPath];
    }

    private static string At(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static (string First, string Last) Person(string email)
    {
        var local = email.Split('@')[0].Split('.');
        return (Capitalize(local[0]), Capitalize(new string(local.ElementAtOrDefault(1)?.TakeWhile(char.IsLetter).ToArray() ?? [])));
    }

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static int Hash(string s) => BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(s)), 0) & 0x7fffffff;

    private static string Hex(string s) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(s)));

    private sealed record Response(string Unit, string Role, string Rater, DateTime At, Dictionary<string, string> Levels, string Comment, bool IsConsensus);
}
