namespace ResearchPipeline.Jobs.Commands.Ingest;

/// <summary>Which files a list of paths means, in the order they land: folders expand, reference files come before ratings.</summary>
public static class IngestOrder
{
    /// <summary>Rating and reference data files: CSV and TSV exports, workbooks.</summary>
    public static bool IsDataFile(string file) =>
        file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase)
        || file.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);

    /// <summary>Files a folder holds for ingesting: data files and framework YAML, never mapping files.</summary>
    public static bool IsIngestible(string file) =>
        IsDataFile(file) || (file.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) && !file.EndsWith(".mapping.yaml", StringComparison.OrdinalIgnoreCase));

    /// <summary>Folders expand to their files; reference files (frameworks, roster, waves) land before ratings.</summary>
    public static IEnumerable<string> Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var p in paths)
        {
            if (Directory.Exists(p))
            {
                // Mapping files (*.mapping.yaml) describe the exports beside them; they are not ingested themselves.
                files.AddRange(Directory.GetFiles(p).Where(IsIngestible).Order(StringComparer.Ordinal));
            }
            else
            {
                files.Add(p);
            }
        }

        static int Rank(string f)
        {
            var name = Path.GetFileName(f).ToLowerInvariant();
            return name.EndsWith(".yaml", StringComparison.Ordinal) ? 0 : name.Contains("roster", StringComparison.Ordinal) ? 1 : name.Contains("waves", StringComparison.Ordinal) ? 2 : 3;
        }

        return files.OrderBy(Rank).ThenBy(f => f, StringComparer.Ordinal);
    }
}
