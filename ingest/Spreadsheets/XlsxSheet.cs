namespace ResearchPipeline.Ingest.Spreadsheets;

/// <summary>
/// A worksheet to write: cells by (row, column) with a style, merged ranges, column widths, hidden or not.
/// Rows are 1-based, columns 0-based (0 = A). Values: text, numbers, dates (written as Excel dates), booleans.
/// </summary>
public sealed class XlsxSheet(string name)
{
    public const uint Plain = 0;
    public const uint Header = 1;
    public const uint Title = 2;
    public const uint Wrapped = 3;
    public const uint Muted = 4;
    public const uint Date = 5;

    public string Name { get; } = name;

    public bool Hidden { get; set; }

    /// <summary>Rows above the first scrolling row (0: none frozen).</summary>
    public int FrozenRows { get; set; }

    public SortedDictionary<(int Row, int Column), (object Value, uint Style)> Cells { get; } = new();

    public List<string> Merges { get; } = [];

    public Dictionary<int, double> Widths { get; } = [];

    public XlsxSheet Set(int row, int column, object value, uint style = Plain)
    {
        Cells[(row, column)] = (value, value is DateTime && style == Plain ? Date : style);
        return this;
    }
}
