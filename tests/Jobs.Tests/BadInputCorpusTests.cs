using System.Globalization;
using DuckDB.NET.Data;
using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Models;
using ResearchPipeline.Warehouse;
using YamlDotNet.RepresentationModel;

namespace ResearchPipeline.Jobs.Tests;

/// <summary>
/// The bad-input corpus (data-samples/bad/): every file, ingested the way `rp ingest` does (with the mapping beside it),
/// does exactly what the <c>.expected.yaml</c> next to it says: loaded, quarantined row by row with the stated reasons,
/// or refused as a whole with the stated message and the warehouse left byte-for-byte unchanged. Every file read keeps
/// rows_read = loaded + quarantined + skipped, and ingesting it again changes nothing.
/// </summary>
public sealed class BadInputCorpusTests : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rp-corpus-" + Guid.NewGuid().ToString("N")[..10])).FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Corpus => Path.Combine(TestSupport.Repository.Samples, "bad");

    private static List<string> FileList() => Directory.GetFiles(Corpus, "*", SearchOption.AllDirectories)
        .Where(f => !f.EndsWith(".expected.yaml", StringComparison.Ordinal) && !f.EndsWith(".mapping.yaml", StringComparison.Ordinal) && !f.EndsWith(".md", StringComparison.Ordinal))
        .Select(f => Path.GetRelativePath(Corpus, f)).Order(StringComparer.Ordinal).ToList();

    public static TheoryData<string> Files() => new(FileList());

    [Fact]
    public void Corpus_CoversEverySourceKindAndEveryFileHasItsExpectedOutcome()
    {
        var files = FileList();
        Assert.True(files.Count >= 25, $"{files.Count} files");
        Assert.All(files, f => Assert.True(File.Exists(Path.Combine(Corpus, f + ".expected.yaml")), $"{f} has no {f}.expected.yaml"));
        foreach (var kind in new[] { "long/", "surveys/", "workbooks/" })
        {
            var outcomes = files.Where(f => f.StartsWith(kind, StringComparison.Ordinal)).Select(f => Expected.Load(f).Outcome).ToHashSet();
            Assert.True(outcomes.Contains("refused") && outcomes.Contains("quarantined"), $"{kind}: {string.Join(", ", outcomes)}");
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void CorpusFile_DoesWhatItsExpectedFileSays(string file)
    {
        var expected = Expected.Load(file);
        var config = Jobs.Config.PipelineConfig.Defaults(_dir);
        var output = new StringWriter();
        var context = new Jobs.Cli.RpContext(config, output, TimeProvider.System);
        TestSupport.TempWarehouse.WriteInitialized(config.Warehouse); // as rp init leaves it
        var before = Initialized.Value; // the same bytes in every test: fingerprinted once
        var path = Path.Combine(Corpus, file);

        // Held open for the whole test: the command's own opens in this process share this database instead of
        // starting DuckDB afresh (its catalog built, its memory handed back on close) for each step.
        using var warehouse = Db.Open(config.Warehouse);
        if (expected.Outcome == "refused")
        {
            var refusal = Assert.Throws<PipelineInputException>(() => Jobs.Commands.Ingest.IngestCommand.Ingest(context, [path]));
            Assert.Contains(expected.Message!, refusal.Message, StringComparison.Ordinal);
            Assert.Equal(before, Fingerprint(warehouse)); // a refused file changes nothing at all
            return;
        }

        var result = Assert.Single(Jobs.Commands.Ingest.IngestCommand.Ingest(context, [path]));
        var text = output.ToString();
        if (expected.Message is { } message)
        {
            Assert.Contains(message, text, StringComparison.Ordinal);
        }

        Assert.Equal(expected.Counts, (result.RowsRead, result.RowsLoaded, result.RowsQuarantined, result.RowsSkipped));
        Assert.Equal(result.RowsRead, result.RowsLoaded + result.RowsQuarantined + result.RowsSkipped);
        Assert.Equal(expected.Outcome == "quarantined", result.RowsQuarantined > 0);
        var described = result.Problems.Select(p => p.Describe(result.FileName)).ToList();
        foreach (var reason in expected.Quarantine)
        {
            Assert.True(described.Any(d => d.Contains(reason, StringComparison.Ordinal)), $"no quarantined row says: {reason}\n{string.Join('\n', described)}");
        }

        // Stored as said: ops.quarantine holds a row per problem, and the batch's counts are the ones reported.
        Assert.Equal(result.RowsQuarantined > 0, Db.Count(warehouse, $"select count(*) from ops.quarantine where batch_id = {result.BatchId}") > 0);
        Assert.Equal(result.RowsRead, Db.Count(warehouse, $"select count(*) from raw.long_ratings where batch_id = {result.BatchId}"));
        var after = Fingerprint(warehouse);

        // Re-running is harmless.
        var again = Assert.Single(Jobs.Commands.Ingest.IngestCommand.Ingest(context, [path]));
        Assert.Equal(IngestStatus.AlreadyIngested, again.Status);
        Assert.Equal(after, Fingerprint(warehouse));
    }

    private static readonly Lazy<string> Initialized = new(() =>
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rp-corpus-" + Guid.NewGuid().ToString("N")[..10])).FullName;
        try
        {
            var warehouse = Path.Combine(folder, "pipeline.duckdb");
            TestSupport.TempWarehouse.WriteInitialized(warehouse);
            return Fingerprint(warehouse);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    });

    /// <summary>Every stored table's row count and content hash (raw, core, ops).</summary>
    internal static string Fingerprint(string warehouse)
    {
        using var connection = Db.OpenReadOnly(warehouse);
        return Fingerprint(connection);
    }

    private static string Fingerprint(DuckDBConnection connection)
    {
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "select table_schema || '.' || table_name from information_schema.tables where table_schema in ('raw', 'core', 'ops') and table_type = 'BASE TABLE' order by 1";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        return string.Join("\n", tables.Select(t =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"select count(*) || ':' || coalesce(sum(hash(x))::varchar, '0') from {t} x";
            return t + " " + command.ExecuteScalar();
        }));
    }

    private sealed record Expected(string Outcome, string? Message, (long, long, long, long) Counts, List<string> Quarantine)
    {
        public static Expected Load(string file)
        {
            var yaml = new YamlStream();
            using (var reader = new StreamReader(Path.Combine(Corpus, file + ".expected.yaml")))
            {
                yaml.Load(reader);
            }

            var root = (YamlMappingNode)yaml.Documents[0].RootNode;
            string? Get(YamlMappingNode node, string key) => node.Children.TryGetValue(new YamlScalarNode(key), out var v) ? ((YamlScalarNode)v).Value : null;
            var counts = root.Children.TryGetValue(new YamlScalarNode("counts"), out var c) ? (YamlMappingNode)c : null;
            long N(string key) => counts is null ? 0 : long.Parse(Get(counts, key)!, CultureInfo.InvariantCulture);
            var outcome = Get(root, "outcome")!;
            Assert.Contains(outcome, new[] { "loaded", "quarantined", "refused" });
            var quarantine = root.Children.TryGetValue(new YamlScalarNode("quarantine"), out var q)
                ? ((YamlSequenceNode)q).Children.Select(n => ((YamlScalarNode)n).Value!).ToList() : [];
            return new Expected(outcome, Get(root, "message"), (N("read"), N("loaded"), N("quarantined"), N("skipped")), quarantine);
        }
    }
}
