namespace ResearchPipeline.Transform.Statistics;

/// <summary>The rows a computed model's SQL selected, a column at a time (<see cref="Frames.Read"/>).</summary>
public sealed class ModelInput(int rows, IReadOnlyDictionary<string, Array> columns)
{
    public int Rows { get; } = rows;

    /// <summary>A text column's values; a null in it is an error (the statistics group by these).</summary>
    public string[] Text(string column)
    {
        var values = Column<string?[]>(column, "text");
        var at = Array.IndexOf(values, null);
        return at < 0 ? Array.ConvertAll(values, v => v!) : throw new InvalidOperationException($"Column {column} has a null at row {at}.");
    }

    /// <summary>A whole-number column's values; a null in it is an error.</summary>
    public long[] Whole(string column)
    {
        var values = Column<long?[]>(column, "a whole number");
        var whole = new long[values.Length];
        for (var r = 0; r < whole.Length; r++)
        {
            whole[r] = values[r] ?? throw new InvalidOperationException($"Column {column} has a null at row {r}.");
        }

        return whole;
    }

    private T Column<T>(string column, string kind)
        where T : class =>
        !columns.TryGetValue(column, out var values)
            ? throw new InvalidOperationException($"The model's SQL selects no column {column} (it selects {string.Join(", ", columns.Keys)}).")
            : values as T ?? throw new InvalidOperationException($"Column {column} is not {kind}: cast it in the model's SQL.");
}
