using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using ResearchPipeline.TestSupport;
using ResearchPipeline.TestSupport.Fakes;

namespace ResearchPipeline.Jobs.Tests;

/// <summary>
/// One pass through every command with an API token set, then two scans:
/// the token appears in no output, no log and no file the pipeline wrote (the warehouse, the landed export, the
/// snapshot, reports, exports); and no rater's email or name from any input file appears in anything published
/// (the snapshot and its dictionary, CSV and Parquet exports, every report, the paper pack, the workbook template) or in
/// the working warehouse. DuckDB files and zipped files (xlsx) are scanned by content, not only by their bytes,
/// because both compress strings.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.EndToEnd)]
public sealed partial class PrivacyScanTests : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rp-privacy-" + Guid.NewGuid().ToString("N")[..10])).FullName;
    private readonly string _tokenEnv = "RP_TEST_PRIV_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private readonly string _token = "qx-privacy-" + Guid.NewGuid().ToString("N");
    private readonly FakeQualtricsServer _server;
    private readonly List<string> _outputs = [];

    public PrivacyScanTests()
    {
        _server = FakeQualtricsServer.FromExport(_token, "SV_priv", Path.Combine(Repository.Samples, "surveys", "qualtrics-ilead-2022.csv"), 12);
        var inputs = Directory.CreateDirectory(Path.Combine(_dir, "inputs")).FullName;
        foreach (var file in new[] { "ilead-ratings.csv", "txnsi-ic-ratings.csv" })
        {
            File.Copy(Path.Combine(Repository.Samples, file), Path.Combine(inputs, file));
        }

        foreach (var file in Directory.GetFiles(Path.Combine(Repository.Samples, "surveys")).Concat(Directory.GetFiles(Path.Combine(Repository.Samples, "workbooks"), "*.xlsx")))
        {
            File.Copy(file, Path.Combine(inputs, Path.GetFileName(file)));
        }

        File.Copy(Path.Combine(Repository.Samples, "surveys", "qualtrics-ilead-2022.mapping.yaml"), Path.Combine(_dir, "survey.mapping.yaml"));
        Directory.CreateDirectory(Path.Combine(_dir, "inbox"));
        File.WriteAllText(Config, $"""
            warehouse: warehouse/pipeline.duckdb
            reports_out: reports
            inbox:
              - path: inbox
            sources:
              - name: dp-annual-survey
                kind: qualtrics
                base_url: {_server.BaseUrl}
                survey_id: SV_priv
                token_env: {_tokenEnv}
                mapping: survey.mapping.yaml
                timeout_seconds: 120
                retry_base_delay_ms: 10
                poll_interval_seconds: 0.05
            schedules:
              pull: "*/2 * * * * *"
            schedule_poll_seconds: 1
            dashboard:
              port: 0
            """);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_tokenEnv, null);
        _server.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private string Config => Path.Combine(_dir, "pipeline.yaml");

    private string Rp(params string[] args)
    {
        var (code, output, error) = RpCli.Run([.. args, "--config", Config]);
        _outputs.Add(output);
        _outputs.Add(error);
        Assert.True(code == 0, $"rp {string.Join(' ', args)} exited {code}\n{output}\n{error}");
        return output;
    }

    [Fact]
    public async Task EveryCommand_WithATokenSet_NoSecretAnywhereAndNoRaterIdentityInAnythingPublished()
    {
        Environment.SetEnvironmentVariable(_tokenEnv, _token);
        var inputs = Path.Combine(_dir, "inputs");
        Rp("init");
        Rp("ingest", Path.Combine(inputs, "ilead-ratings.csv"), Path.Combine(inputs, "txnsi-ic-ratings.csv"));
        foreach (var survey in Directory.GetFiles(inputs).Where(f => f.EndsWith(".csv", StringComparison.Ordinal) || f.EndsWith(".tsv", StringComparison.Ordinal)).Where(f => File.Exists(Path.ChangeExtension(f, ".mapping.yaml"))))
        {
            Rp("ingest", survey);
        }

        Rp("ingest", Path.Combine(inputs, "partnership-workbook-2022.xlsx"));
        Rp("pull");
        Rp("transform");
        Rp("check");
        Rp("publish");
        Rp("report", "partner", "--all");
        Rp("report", "hub");
        Rp("report", "ic", "--all");
        Rp("report", "paper", "--spec", Path.Combine(Repository.Samples, "papers", "ilead-network-trajectories.yaml"));
        Rp("query", "select * from research.ratings limit 20", "--format", "csv");
        Rp("export", "--format", "csv", "--out", Path.Combine(_dir, "exports", "csv"));
        Rp("export", "--format", "parquet", "--out", Path.Combine(_dir, "exports", "parquet"));
        Rp("export", "--template", "workbook", "--wave", "2022", "--out", Path.Combine(_dir, "exports", "template.xlsx"));
        File.Copy(Path.Combine(inputs, "googleforms-ilead-2020.csv"), Path.Combine(_dir, "inbox", "googleforms-ilead-2020.csv"));
        File.Copy(Path.Combine(inputs, "googleforms-ilead-2020.mapping.yaml"), Path.Combine(_dir, "inbox", "googleforms-ilead-2020.mapping.yaml"));
        Rp("run");
        await Serve();

        // The token: in no output, and in no file under the pipeline's folder (inputs, landing, warehouse, snapshot, reports, exports).
        var everyFile = Directory.GetFiles(_dir, "*", SearchOption.AllDirectories).ToList();
        Assert.True(everyFile.Count > 40, $"{everyFile.Count} files");
        var token = _token.ToLowerInvariant();
        Assert.All(_outputs, o => Assert.DoesNotContain(_token, o, StringComparison.Ordinal));
        Assert.All(everyFile, f => Assert.False(Contents(f).Contains(token, StringComparison.Ordinal), $"the token is in {Path.GetRelativePath(_dir, f)}"));

        // Identities: every email and name in the inputs, and none of them in anything published or in the warehouse.
        var identities = Identities(inputs);
        Assert.True(identities.Count > 100, $"{identities.Count} identities");
        Assert.Contains(identities, i => i.Contains(' ', StringComparison.Ordinal) && !i.Contains('@', StringComparison.Ordinal)); // names, not only emails
        var published = everyFile.Where(f => !f.StartsWith(inputs, StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}landing{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                             && !f.Contains($"{Path.DirectorySeparatorChar}inbox{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                             && !f.EndsWith(".yaml", StringComparison.Ordinal)).ToList();
        string[] expectedKinds = ["snapshot.duckdb", "pipeline.duckdb", "data-dictionary.html", "manifest.json", ".parquet", ".csv", "template.xlsx", ".html", ".tex", ".md"];
        Assert.All(expectedKinds, k => Assert.Contains(published, f => f.EndsWith(k, StringComparison.Ordinal)));
        foreach (var file in published)
        {
            var text = Contents(file);
            var found = identities.FirstOrDefault(i => text.Contains(i, StringComparison.Ordinal));
            Assert.True(found is null, $"\"{found}\" is in {Path.GetRelativePath(_dir, file)}");
        }
    }

    /// <summary>rp serve with a pull schedule: runs until a scheduled pull has finished, then stops on SIGTERM.</summary>
    private async Task Serve()
    {
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var server = RpCli.Start(["serve", "--config", Config], _dir, null, log.Enqueue);
        try
        {
            await Tests.Serve.ServeTests.WaitFor(() => log.Any(l => l.Contains("pull: started", StringComparison.Ordinal)) && log.Any(l => l.Contains("dp-annual-survey", StringComparison.Ordinal)),
                "a scheduled pull", detail: () => string.Join(" / ", log));
            await Tests.Serve.ServeTests.Stop(server);
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
            }

            _outputs.Add(string.Join("\n", log));
        }
    }

    /// <summary>Rater emails (every address in the inputs) and names (the first and last name columns of the survey exports), lower-cased.</summary>
    private static HashSet<string> Identities(string inputs)
    {
        var identities = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(inputs))
        {
            var text = Contents(file);
            foreach (Match m in Email().Matches(text))
            {
                identities.Add(m.Value);
            }

            if (!file.EndsWith(".csv", StringComparison.Ordinal))
            {
                continue;
            }

            var rows = File.ReadAllLines(file).Select(l => l.Split(',')).ToList();
            var header = rows[0].Select(h => h.Trim('\uFEFF', '"').ToLowerInvariant()).ToList();
            var (first, last) = (header.FindIndex(h => h is "recipientfirstname" or "first name"), header.FindIndex(h => h is "recipientlastname" or "last name"));
            if (first < 0 || last < 0)
            {
                continue;
            }

            foreach (var row in rows.Where(r => r.Length > Math.Max(first, last)))
            {
                var (f, l) = (row[first].Trim('"').Trim(), row[last].Trim('"').Trim());
                if (f.Length > 1 && l.Length > 1 && Email().Count(f) == 0 && !f.Contains("ImportId", StringComparison.OrdinalIgnoreCase) && f != "Recipient First Name" && f != "First Name")
                {
                    identities.Add($"{f} {l}".ToLowerInvariant());
                    identities.Add($"{l}, {f}".ToLowerInvariant());
                }
            }
        }

        return identities;
    }

    /// <summary>A file's text as a reader sees it, lower-cased: a DuckDB file's every value; an xlsx's every part; else its bytes.</summary>
    internal static string Contents(string file)
    {
        var bytes = File.ReadAllBytes(file);
        var text = new StringBuilder(Encoding.UTF8.GetString(bytes));
        if (file.EndsWith(".duckdb", StringComparison.Ordinal))
        {
            text.Append(DuckDbValues(file));
        }
        else if (file.EndsWith(".xlsx", StringComparison.Ordinal) || file.EndsWith(".parquet", StringComparison.Ordinal))
        {
            if (file.EndsWith(".xlsx", StringComparison.Ordinal))
            {
                using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
                foreach (var entry in zip.Entries)
                {
                    using var reader = new StreamReader(entry.Open());
                    text.Append(reader.ReadToEnd());
                }
            }
            else
            {
                text.Append(DuckDbValues(null, $"select * from read_parquet('{file.Replace("'", "''", StringComparison.Ordinal)}')"));
            }
        }

        return text.ToString().ToLowerInvariant();
    }

    private static string DuckDbValues(string? database, string? query = null)
    {
        using var connection = new DuckDBConnection(database is null ? "Data Source=:memory:" : $"Data Source={database};ACCESS_MODE=READ_ONLY");
        connection.Open();
        var queries = new List<string>();
        if (query is not null)
        {
            queries.Add(query);
        }
        else
        {
            using var list = connection.CreateCommand();
            list.CommandText = "select table_schema, table_name from information_schema.tables where table_catalog = current_database() and table_schema not in ('information_schema', 'pg_catalog') order by all";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                queries.Add($"select * from \"{reader.GetString(0)}\".\"{reader.GetString(1)}\"");
            }
        }

        var text = new StringBuilder();
        foreach (var sql in queries)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('\u001f');
                }
            }
        }

        return text.ToString();
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();
}
