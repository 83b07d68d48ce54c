using System.Text.RegularExpressions;
using ResearchPipeline.TestSupport;

namespace ResearchPipeline.Jobs.Tests;

/// <summary>
/// The repository stands alone: no file points outside it (a brief, a spec or seeds beside the clone), and every
/// relative link of the README and docs/ leads to a file that is there.
/// </summary>
public sealed partial class StandaloneDocsTests
{
    private static readonly string[] TextExtensions = [".cs", ".md", ".yaml", ".yml", ".sql", ".sh", ".py", ".csproj", ".props", ".txt", ".json"];

    private static IEnumerable<string> RepositoryFiles() =>
        Directory.EnumerateFiles(Repository.Root, "*", SearchOption.AllDirectories)
            .Where(f => !Regex.IsMatch(Path.GetRelativePath(Repository.Root, f), @"(^|[/\\])(bin|obj|\.git|dist|demo-out|reports-out|node_modules)([/\\]|$)"))
            .Where(f => TextExtensions.Contains(Path.GetExtension(f)) || Path.GetFileName(f) == "run");

    [Fact]
    public void NoFile_RefersOutsideTheRepository()
    {
        var offenders = RepositoryFiles()
            .Where(f => !f.EndsWith(nameof(StandaloneDocsTests) + ".cs", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => OutsideReference().IsMatch(l.Text))
            .Select(l => $"{Path.GetRelativePath(Repository.Root, l.File)}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, string.Join('\n', offenders));
    }

    [Fact]
    public void ReadmeAndDocs_EveryRelativeLinkResolves()
    {
        var pages = new[] { Path.Combine(Repository.Root, "README.md") }
            .Concat(Directory.GetFiles(Path.Combine(Repository.Root, "docs"), "*.md"))
            .Concat(Directory.GetFiles(Path.Combine(Repository.Root, "examples"), "*.md"));
        var broken = new List<string>();
        foreach (var page in pages)
        {
            foreach (Match m in MarkdownLink().Matches(File.ReadAllText(page)))
            {
                var target = m.Groups[1].Value.Split('#')[0];
                if (target.Length == 0 || target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
                {
                    continue;
                }

                var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, target));
                if (!path.StartsWith(Repository.Root, StringComparison.Ordinal) || (!File.Exists(path) && !Directory.Exists(path)))
                {
                    broken.Add($"{Path.GetRelativePath(Repository.Root, page)}: ({m.Groups[1].Value})");
                }
            }
        }

        Assert.True(broken.Count == 0, string.Join('\n', broken));
    }

    [GeneratedRegex(@"\.\./shared|shared/seeds|spec\.md|spec section|spec §|§\s?\d")]
    private static partial Regex OutsideReference();

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex MarkdownLink();
}
