using System.Text;
using ResearchPipeline.TestSupport;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Jobs.Tests.Validity;

/// <summary>
/// No mart may depend on the order of rows in a file or of files in a command: every sample file is rewritten with its
/// rows shuffled (header rows kept, quoted line breaks kept whole), the files are passed in reverse, and every mart and
/// research view must hold the same rows as from the files as shipped. Only what names the landing itself may differ
/// (batch ids, rating ids, row numbers, landing times, and rater keys, which are keyed per warehouse).
/// </summary>
[Trait(TestCategory.Trait, TestCategory.EndToEnd)]
public sealed class OrderInvarianceTests : IDisposable
{
    private static readonly HashSet<string> LandingColumns = new(StringComparer.Ordinal)
    {
        "batch_id", "last_batch_id", "rating_id", "source_row", "last_landed_at", "finished_at", "rater_key",
    };

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rp-order-" + Guid.NewGuid().ToString("N")[..10]);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Build_EverySampleFileShuffled_EveryMartTheSame()
    {
        var shipped = Build("shipped", Repository.Samples, reverse: false);
        var shuffled = Build("shuffled", Shuffle(Repository.Samples, Path.Combine(_dir, "shuffled-samples"), seed: 20261201), reverse: true);

        var relations = Relations(shipped);
        Assert.Contains("marts.stage_history", relations);
        Assert.Contains("research.stage_transitions", relations);
        var differences = new List<string>();
        foreach (var relation in relations)
        {
            var (a, b) = (Rows(shipped, relation), Rows(shuffled, relation));
            if (!a.SequenceEqual(b))
            {
                var onlyA = a.Except(b).ToList();
                var onlyB = b.Except(a).ToList();
                differences.Add($"{relation}: {onlyA.Count} row(s) only as shipped, {onlyB.Count} only shuffled; e.g. {onlyA.FirstOrDefault()} | {onlyB.FirstOrDefault()}");
            }
        }

        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    private string Build(string name, string samples, bool reverse)
    {
        var warehouse = Path.Combine(_dir, name, "pipeline.duckdb");
        RpCli.Ok("init", "--warehouse", warehouse);
        // Landing order is part of what a user asks for (a later file replaces an earlier one), so the groups land in the
        // demo's order; within each, the files are named in reverse.
        foreach (var group in new[] { samples, Path.Combine(samples, "surveys"), Path.Combine(samples, "workbooks") })
        {
            var files = Directory.GetFiles(group).Where(f => f.EndsWith(".csv", StringComparison.Ordinal) || f.EndsWith(".tsv", StringComparison.Ordinal) || f.EndsWith(".xlsx", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal).ToList();
            if (reverse)
            {
                files.Reverse();
            }

            RpCli.Ok(["ingest", .. files, "--warehouse", warehouse]);
        }

        RpCli.Ok("transform", "--warehouse", warehouse);
        return warehouse;
    }

    /// <summary>A copy of the samples with every CSV and TSV file's data records in a shuffled order.</summary>
    private static string Shuffle(string from, string to, int seed)
    {
        var random = new Random(seed);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bad{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                                                                                  && !f.Contains($"{Path.DirectorySeparatorChar}real{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (!file.EndsWith(".csv", StringComparison.Ordinal) && !file.EndsWith(".tsv", StringComparison.Ordinal))
            {
                File.Copy(file, target);
                continue;
            }

            Encoding encoding;
            string text;
            using (var reader = new StreamReader(file, detectEncodingFromByteOrderMarks: true))
            {
                text = reader.ReadToEnd();
                encoding = reader.CurrentEncoding;
            }

            var records = Records(text);
            var name = Path.GetFileName(file);
            var head = name.StartsWith("qualtrics", StringComparison.Ordinal) ? 3 : name.StartsWith("surveymonkey", StringComparison.Ordinal) ? 2
                : name.StartsWith("googleforms", StringComparison.Ordinal) ? 1 : records.TakeWhile(r => r.StartsWith('#')).Count() + 1;
            var body = records.Skip(head).ToArray();
            Assert.True(body.Length > 1, $"{name}: nothing to shuffle");
            random.Shuffle(body);
            // The file's last record may lack its line ending: every record gets one, as the file's others have.
            var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
            File.WriteAllText(target, string.Concat(records.Take(head)) + string.Concat(body.Select(r => r.EndsWith('\n') ? r : r + newline)), encoding);
        }

        return to;
    }

    /// <summary>A CSV or TSV text cut into its records, each with its line ending; a quoted line break stays inside its record.</summary>
    private static List<string> Records(string text)
    {
        var records = new List<string>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                quoted = !quoted;
            }
            else if (text[i] == '\n' && !quoted)
            {
                records.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            records.Add(text[start..]);
        }

        return records;
    }

    private static List<string> Relations(string warehouse)
    {
        using var c = Db.OpenReadOnly(warehouse);
        return Db.Strings(c, """
            select table_schema || '.' || table_name from information_schema.tables
            where table_schema in ('marts', 'research') and table_name <> 'ingest_batches' order by 1
            """);
    }

    /// <summary>A relation's rows as text, sorted, without the columns that name the landing.</summary>
    private static List<string> Rows(string warehouse, string relation)
    {
        using var c = Db.OpenReadOnly(warehouse);
        var (schema, table) = (relation.Split('.')[0], relation.Split('.')[1]);
        var columns = Db.Strings(c, $"select column_name from information_schema.columns where table_schema = '{schema}' and table_name = '{table}' order by ordinal_position")
            .Where(col => !LandingColumns.Contains(col)).ToList();
        return Db.Strings(c, $"select concat_ws('|', {string.Join(", ", columns.Select(col => $"coalesce(cast(\"{col}\" as varchar), '∅')"))}) as r from {relation} order by r");
    }
}
