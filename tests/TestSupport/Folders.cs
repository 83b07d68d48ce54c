namespace ResearchPipeline.TestSupport;

/// <summary>Folders of fixtures built once per test process and copied for each test class that uses them.</summary>
public static class Folders
{
    /// <summary>
    /// Copies every file under <paramref name="from"/> into <paramref name="to"/>, sub-folders included, but no DuckDB
    /// write-ahead log: the copied DuckDB files are checkpointed (or were closed), so each holds everything.
    /// </summary>
    public static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".wal", StringComparison.Ordinal)))
        {
            var copy = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }
}
