using DuckDB.NET.Data;
using ResearchPipeline.Ingest;
using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.TestSupport;

/// <summary>
/// A real DuckDB warehouse file in a temporary folder, initialized with the built-in reference data. The initialized
/// file is built once per test process and copied for each warehouse: building it (schema, frameworks, roster, the
/// key recorded) takes about 0.35 s, a copy opened 0.03 s, and hundreds of tests start from one.
/// </summary>
public sealed class TempWarehouse : IDisposable
{
    private static readonly Lazy<byte[]> Initialized = new(BuildInitialized);

    public TempWarehouse()
        : this(folder => File.WriteAllBytes(System.IO.Path.Combine(folder, "pipeline.duckdb"), Initialized.Value))
    {
    }

    private TempWarehouse(Action<string> fill)
    {
        Folder = NewFolder();
        Path_ = System.IO.Path.Combine(Folder, "pipeline.duckdb");
        fill(Folder);
        Connection = Db.Open(Path_);
    }

    /// <summary>
    /// A warehouse that starts as a copy of another's folder (its file checkpointed, so that it holds everything, and
    /// whatever was written beside it): for a fixture built once per test process and copied for each class that uses it.
    /// </summary>
    public static TempWarehouse CopyOf(string folder) => new(copy => Folders.Copy(folder, copy));

    private static string NewFolder() =>
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rp-test-" + Guid.NewGuid().ToString("N")[..12])).FullName;

    /// <summary>The warehouse as <c>rp init</c> leaves it (with the test key recorded), checkpointed into one file.</summary>
    private static byte[] BuildInitialized()
    {
        var folder = NewFolder();
        try
        {
            var path = System.IO.Path.Combine(folder, "pipeline.duckdb");
            using (var connection = Db.Open(path))
            {
                WarehouseSchema.Ensure(connection);
                ReferenceLoader.LoadBuiltIns(connection);
                KeyGuard.Check(connection, Pseudonymizer); // as rp init records it
                Db.Execute(connection, "checkpoint");
            }

            return File.ReadAllBytes(path);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public string Folder { get; }

    public string Path_ { get; }

    public DuckDBConnection Connection { get; }

    public static Pseudonymizer Pseudonymizer { get; } = new(Key);

    private static byte[] Key => "test-key-0123456789abcdef"u8.ToArray();

    /// <summary>
    /// Writes the initialized warehouse to <paramref name="warehousePath"/> with its key file beside it, as
    /// <c>rp init</c> leaves a new warehouse (for tests that run commands on a warehouse of their own).
    /// </summary>
    public static void WriteInitialized(string warehousePath)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(warehousePath))!);
        File.WriteAllBytes(warehousePath, Initialized.Value);
        File.WriteAllText(PseudonymKey.KeyFileFor(warehousePath), Convert.ToHexStringLower(Key));
    }

    public static IngestOptions Options => new(Pseudonymizer, TimeProvider.System);

    /// <summary>The long-format ratings header with every optional column, for the rows a test writes.</summary>
    public const string LongFormatHeader = "network,framework,wave,unit,role,rater,dimension,level,rated_at,is_consensus,comment";

    public string WriteFile(string name, string content)
    {
        var path = System.IO.Path.Combine(Folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    public long Count(string sql) => Db.Count(Connection, sql);

    public List<object?[]> Rows(string sql) => Db.Rows(Connection, sql);

    public void Dispose()
    {
        if (Connection.State == System.Data.ConnectionState.Open)
        {
            Db.Execute(Connection, "pragma disable_checkpoint_on_shutdown"); // the file is deleted next: nothing to keep
        }

        Connection.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
