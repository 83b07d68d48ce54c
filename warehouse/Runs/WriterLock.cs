namespace ResearchPipeline.Warehouse.Runs;

/// <summary>
/// The single-writer lock of a warehouse: an exclusive lock on <c>&lt;warehouse&gt;.writer.lock</c>, held for as long
/// as a job writes. A job that finds it taken is skipped, not queued behind it. The operating system releases the
/// lock when the process ends, however it ends, so a crash never leaves the warehouse locked.
/// </summary>
public sealed class WriterLock : IDisposable
{
    private readonly FileStream _file;

    private WriterLock(FileStream file, string holder)
    {
        _file = file;
        Holder = holder;
    }

    public string Holder { get; }

    public static string PathFor(string warehouse) => warehouse + ".writer.lock";

    /// <summary>Takes the lock, or returns null with who holds it (as far as the lock file says).</summary>
    public static WriterLock? TryAcquire(string warehouse, string job, TimeProvider clock, out string? heldBy)
    {
        var path = PathFor(warehouse);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        try
        {
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            var holder = $"{job} (process {Environment.ProcessId}, since {clock.GetUtcNow():yyyy-MM-dd HH:mm:ss} UTC)";
            file.SetLength(0);
            var bytes = System.Text.Encoding.UTF8.GetBytes(holder);
            file.Write(bytes);
            file.Flush();
            heldBy = null;
            return new WriterLock(file, holder);
        }
        catch (IOException)
        {
            try
            {
                heldBy = File.ReadAllText(path);
            }
            catch (IOException)
            {
                heldBy = "another job";
            }

            return null;
        }
    }

    public void Dispose() => _file.Dispose();
}
