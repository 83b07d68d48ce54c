using System.Text.RegularExpressions;
using ResearchPipeline.Models.Yaml;

namespace ResearchPipeline.Reports.Paper;

/// <summary>
/// A paper spec (YAML): the pack's name, the framework, and which figures and tables to build.
/// <code>
/// name: ilead-aera-2027
/// framework: ilead-dp-2018
/// figures: [stage_distribution, transitions, trajectories]
/// tables: [stage_distribution, transitions, benchmarks, agreement]
/// </code>
/// </summary>
public sealed record PaperSpec(string Name, string FrameworkId, IReadOnlyList<string> Figures, IReadOnlyList<string> Tables)
{
    public static PaperSpec Load(string path)
    {
        var file = StrictYaml.Load(path, "paper spec");
        PaperSpec? spec = null;
        if (file.Root is { } root)
        {
            root.AllowOnly("name", "framework", "figures", "tables");
            var name = root.RequiredText("name", "a plain name; it becomes the pack's folder");
            if (name is not null && !Regex.IsMatch(name, "^[a-z0-9][a-z0-9_-]{0,63}$"))
            {
                root.Problem("name", $"\"{name}\" is not a plain name (lower-case letters, digits, - and _): it becomes the pack's folder");
            }

            var framework = root.RequiredText("framework", "for example ilead-dp-2018");
            var figures = root.TextList("figures");
            var tables = root.TextList("tables");
            foreach (var unknown in figures.Where(f => !PaperItems.Figures.Contains(f)))
            {
                root.Problem("figures", $"\"{unknown}\" is not a figure{Suggestion.DidYouMean(unknown, PaperItems.Figures)} (known: {string.Join(", ", PaperItems.Figures)})");
            }

            foreach (var unknown in tables.Where(t => !PaperItems.All.ContainsKey(t)))
            {
                root.Problem("tables", $"\"{unknown}\" is not a table{Suggestion.DidYouMean(unknown, PaperItems.All.Keys)} (known: {string.Join(", ", PaperItems.All.Keys)})");
            }

            if (figures.Count + tables.Count == 0)
            {
                root.Problem("figures", "figures and tables are both empty: choose at least one");
            }

            spec = new PaperSpec(name ?? "", framework ?? "", figures, tables);
        }

        file.ThrowIfAny("paper spec");
        return spec!;
    }
}
