namespace ResearchPipeline.Ingest.Spreadsheets;

/// <summary>One worksheet as read: its name, whether Excel hides it, and its cells as text (row 1 first; "" for empty).</summary>
public sealed record Sheet(string Name, bool Hidden, IReadOnlyList<string[]> Rows)
{
    public string Cell(int row, int column) => row >= 1 && row <= Rows.Count && column >= 0 && column < Rows[row - 1].Length ? Rows[row - 1][column] : "";

    public bool IsBlankRow(int row) => row < 1 || row > Rows.Count || Rows[row - 1].All(string.IsNullOrWhiteSpace);

    /// <summary>Where a cell is, as a person looking at the workbook says it: Sheet "uva-chesterfield" cell D7.</summary>
    public string Where(int row, int column) => $"Sheet \"{Name}\" cell {Address(row, column)}";

    /// <summary>A1-style address: column 0 is A, 26 is AA.</summary>
    public static string Address(int row, int column) => ColumnName(column) + row.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A column's letters as a spreadsheet shows them: column 0 is A, 26 is AA.</summary>
    public static string ColumnName(int column)
    {
        var letters = "";
        for (var c = column + 1; c > 0; c = (c - 1) / 26)
        {
            letters = (char)('A' + ((c - 1) % 26)) + letters;
        }

        return letters;
    }
}
