using DuckDB.NET.Data;
using ResearchPipeline.Ingest;
using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.TestSupport;

/// <summary>A real DuckDB warehouse file in a temporary folder, initialized with the built-in reference data.</summary>
public sealed class TempWarehouse : IDisposable
{
    public TempWarehouse()
    {
        Folder = Path.Combine(Path.GetTempPath(), "rp-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Folder);
        Path_ = System.IO.Path.Combine(Folder, "pipeline.duckdb");
        Connection = Db.Open(Path_);
        WarehouseSchema.Ensure(Connection);
        ReferenceLoader.LoadBuiltIns(Connection);
        KeyGuard.Check(Connection, Pseudonymizer); // as rp init records it
    }

    public string Folder { get; }

    public string Path_ { get; }

    public DuckDBConnection Connection { get; }

    public static Pseudonymizer Pseudonymizer { get; } = new("test-key-0123456789abcdef"u8.ToArray());

    public static IngestOptions Options => new(Pseudonymizer, TimeProvider.System);

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
