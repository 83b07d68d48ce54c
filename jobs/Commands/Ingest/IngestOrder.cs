using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Models;

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
                var all = Directory.GetFiles(p);
                var here = all.Where(IsIngestible).Order(StringComparer.Ordinal).ToList();
                if (here.Count == 0)
                {
                    var others = all.Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
                    throw new PipelineInputException($"{p}: nothing to ingest: no .csv, .tsv, .xlsx or framework .yaml file"
                        + (others.Count == 0 ? " (the folder is empty)." : $" (it holds {string.Join(", ", others.Take(5))}{(others.Count > 5 ? $" and {others.Count - 5} more" : "")}; *.mapping.yaml files are mappings, not data)."));
                }

                files.AddRange(here);
            }
            else
            {
                files.Add(p);
            }
        }

        return InLandingOrder(files);
    }

    /// <summary>
    /// Reference files first, told by their content (a roster or waves header; framework YAML), not their names: a
    /// roster dropped beside ratings lands before them, whatever the files are called.
    /// </summary>
    public static IEnumerable<string> InLandingOrder(IEnumerable<string> files) => files.OrderBy(Rank).ThenBy(f => f, StringComparer.Ordinal);

    private static int Rank(string file)
    {
        if (file.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        if (!file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || !File.Exists(file))
        {
            return 3;
        }

        string head;
        try
        {
            using var reader = new StreamReader(file, detectEncodingFromByteOrderMarks: true);
            var buffer = new char[8192];
            head = new string(buffer, 0, reader.ReadBlock(buffer));
        }
        catch (IOException)
        {
            return 3;
        }

        return FileDetector.LayoutOfHeader(TextDecoding.FirstHeader(head)) switch
        {
            FileLayout.Roster => 1,
            FileLayout.Waves => 2,
            _ => 3,
        };
    }
}
