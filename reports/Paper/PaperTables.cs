using System.Text;

namespace ResearchPipeline.Reports.Paper;

/// <summary>
/// A paper table in the three forms a researcher pastes: CSV (column names, numbers as the SQL gives them), Markdown,
/// and LaTeX that compiles with pdflatex (booktabs rules, a longtable that breaks across pages with its header repeated,
/// numbers aligned on the decimal point with dcolumn, readable headers, a valid label). Markdown and LaTeX say
/// "Synthetic sample data" in the caption when the numbers are.
/// </summary>
internal static class PaperTables
{
    /// <summary>The packages the LaTeX tables use, as a preamble says it.</summary>
    public const string Packages = "\\usepackage{booktabs,longtable,dcolumn}";

    public static string Csv(List<string> columns, List<string[]> rows)
    {
        static string Q(string s) => s.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
        var sb = new StringBuilder();
        sb.Append(string.Join(',', columns.Select(Q))).Append('\n');
        foreach (var row in rows)
        {
            sb.Append(string.Join(',', row.Select(Q))).Append('\n');
        }

        return sb.ToString();
    }

    public static string Markdown(string title, List<string> columns, List<string[]> rows, bool synthetic)
    {
        static string E(string s) => s.Replace("|", "\\|", StringComparison.Ordinal);
        var sb = new StringBuilder($"**{title}**{(synthetic ? " *Synthetic sample data.*" : "")}\n\n");
        sb.Append("| ").Append(string.Join(" | ", columns.Select(c => E(PaperItems.Header(c))))).Append(" |\n");
        sb.Append('|').Append(string.Concat(columns.Select(c => Numeric(c) ? "---:|" : "---|"))).Append('\n');
        foreach (var row in rows)
        {
            sb.Append("| ").Append(string.Join(" | ", row.Select(E))).Append(" |\n");
        }

        return sb.ToString();
    }

    public static string Latex(string title, string name, List<string> columns, List<string[]> rows, bool synthetic)
    {
        var headers = string.Join(" & ", columns.Select(c => Numeric(c) ? $"\\multicolumn{{1}}{{c}}{{{E(PaperItems.Header(c))}}}" : E(PaperItems.Header(c)))) + " \\\\\n";
        var caption = E(title) + (synthetic ? ". Synthetic sample data" : "");
        var sb = new StringBuilder();
        sb.Append("% ").Append(E(title)).Append(": ResearchPipeline paper table ").Append(name).Append(synthetic ? " (synthetic sample data)" : "").Append('\n');
        sb.Append("% Needs ").Append(Packages).Append(" in the preamble (tables.tex beside this file is a complete document).\n");
        sb.Append("\\begin{longtable}{").Append(string.Concat(columns.Select(c => Numeric(c) ? "D{.}{.}{-1}" : "l"))).Append("}\n");
        sb.Append("\\caption{").Append(caption).Append("}\\label{tab:").Append(Label(name)).Append("}\\\\\n");
        sb.Append("\\toprule\n").Append(headers).Append("\\midrule\n\\endfirsthead\n");
        sb.Append("\\caption[]{").Append(E(title)).Append(" (continued)}\\\\\n\\toprule\n").Append(headers).Append("\\midrule\n\\endhead\n");
        sb.Append("\\midrule\n\\multicolumn{").Append(columns.Count).Append("}{r}{\\emph{Continued on the next page}}\\\\\n\\endfoot\n");
        sb.Append("\\bottomrule\n\\endlastfoot\n");
        foreach (var row in rows)
        {
            sb.Append(string.Join(" & ", row.Select(E))).Append(" \\\\\n");
        }

        sb.Append("\\end{longtable}\n");
        return sb.ToString();
    }

    /// <summary>A complete document that shows every table of the pack: compile it with pdflatex to check them.</summary>
    public static string Document(string packName, IEnumerable<string> tableNames) =>
        "% Every table of the paper pack " + packName + ", as one document: pdflatex tables.tex\n" +
        "\\documentclass{article}\n" + Packages + "\n\\begin{document}\n" +
        string.Concat(tableNames.Select(n => $"\\input{{{n}.tex}}\n")) + "\\end{document}\n";

    /// <summary>A LaTeX label made only of letters, digits and hyphens.</summary>
    public static string Label(string name) => new(name.Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-').ToArray());

    private static bool Numeric(string column) => PaperItems.Columns.TryGetValue(column, out var c) && c.Numeric;

    private static string E(string s)
    {
        var sb = new StringBuilder();
        foreach (var ch in s)
        {
            sb.Append(ch switch
            {
                '\\' => "\\textbackslash{}", '&' => "\\&", '%' => "\\%", '$' => "\\$", '#' => "\\#", '_' => "\\_",
                '{' => "\\{", '}' => "\\}", '~' => "\\textasciitilde{}", '^' => "\\textasciicircum{}", '×' => "\\texttimes{}",
                '–' => "--", '—' => "---", '<' => "\\textless{}", '>' => "\\textgreater{}", _ => ch.ToString(),
            });
        }

        return sb.ToString();
    }
}
