using System.Globalization;
using System.Text;

namespace ResearchPipeline.Reports.Html;

/// <summary>Writing a report: atomically (a reader never opens half a file), and with the same stamps in every report.</summary>
internal static class ReportFile
{
    /// <summary>Writes a report under <paramref name="outputDirectory"/>; a name (made of ids) that would lead out of it is refused.</summary>
    public static string Write(string outputDirectory, string relativePath, string html)
    {
        var root = Path.GetFullPath(outputDirectory);
        var path = Path.GetFullPath(Path.Combine(root, relativePath));
        if (!path.StartsWith(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ResearchPipeline.Models.PipelineInputException($"The report file name \"{relativePath}\" would be written outside {root}; an id with a path in it? Nothing was written.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // A report linking to a shared plotly.js: the bundle it names is written once in the folder's root.
        foreach (var bundle in Enum.GetValues<PlotlyScript.Bundle>())
        {
            var link = $"{HtmlWriter.SharedPlotlyPlaceholder}/{PlotlyScript.FileNameOf(bundle)}";
            if (html.Contains(link, StringComparison.Ordinal))
            {
                var shared = Path.Combine(root, PlotlyScript.FileNameOf(bundle));
                var script = PlotlyScript.JavaScriptOf(bundle);
                if (!File.Exists(shared) || new FileInfo(shared).Length != Encoding.UTF8.GetByteCount(script))
                {
                    File.WriteAllText(shared + ".tmp", script, new UTF8Encoding(false));
                    File.Move(shared + ".tmp", shared, overwrite: true);
                }

                html = html.Replace(link, Path.GetRelativePath(Path.GetDirectoryName(path)!, shared).Replace('\\', '/'), StringComparison.Ordinal);
            }
        }

        var temp = path + ".tmp";
        File.WriteAllText(temp, html, new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
        return path;
    }

    /// <summary>Data as of, framework and version, snapshot, pipeline version, and the synthetic mark.</summary>
    public static string Stamps(DateTime? asOf, string frameworkId, string frameworkVersion, ReportContext context, bool synthetic, string? extra = null) =>
        $"Data as of {HtmlWriter.Text(asOf?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "no data")} · framework {HtmlWriter.Text(frameworkId)} ({HtmlWriter.Text(frameworkVersion)}) · " +
        $"{HtmlWriter.Text(context.SnapshotStamp)} · ResearchPipeline {HtmlWriter.Text(context.PipelineVersion)}" +
        (extra is null ? "" : " · " + HtmlWriter.Text(extra)) + (synthetic ? " · synthetic sample data" : "");
}
