using System.Globalization;
using DuckDB.NET.Data;
using Microsoft.Data.Analysis;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Transform.Statistics;

/// <summary>
/// Microsoft.Data.Analysis DataFrames to and from the warehouse, for computed models. Columns are read by their DuckDB
/// type: text as string, whole numbers as long, decimals as double, booleans as bool (a DATE or HUGEINT must be cast in
/// the model's SQL; DataFrames do not hold them).
/// </summary>
public static class Frames
{
    public static DataFrame Read(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var columns = new List<DataFrameColumn>();
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var name = reader.GetName(i);
            var type = reader.GetFieldType(i);
            columns.Add(type == typeof(string) ? new StringDataFrameColumn(name)
                : type == typeof(bool) ? new BooleanDataFrameColumn(name)
                : type == typeof(double) || type == typeof(float) || type == typeof(decimal) ? new DoubleDataFrameColumn(name)
                : type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(byte) || type == typeof(ulong) || type == typeof(uint) ? new Int64DataFrameColumn(name)
                : throw new InvalidOperationException($"Column {name} is {type.Name}, which a DataFrame here does not hold: cast it in the model's SQL."));
        }

        // Straight into the typed columns (DataFrame.Append of a row looks every column up by name: many times slower).
        var appends = columns.Select((column, i) => column switch
        {
            StringDataFrameColumn text => () => text.Append(reader.IsDBNull(i) ? null : reader.GetString(i)),
            BooleanDataFrameColumn flag => () => flag.Append(reader.IsDBNull(i) ? null : reader.GetBoolean(i)),
            DoubleDataFrameColumn number when reader.GetFieldType(i) == typeof(double) => () => number.Append(reader.IsDBNull(i) ? null : reader.GetDouble(i)),
            DoubleDataFrameColumn number => () => number.Append(reader.IsDBNull(i) ? null : Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture)),
            Int64DataFrameColumn whole when reader.GetFieldType(i) == typeof(long) => () => whole.Append(reader.IsDBNull(i) ? null : reader.GetInt64(i)),
            Int64DataFrameColumn whole => (Action)(() => whole.Append(reader.IsDBNull(i) ? null : Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture))),
            _ => throw new InvalidOperationException($"Column {column.Name}: no reader here."),
        }).ToArray();
        while (reader.Read())
        {
            foreach (var append in appends)
            {
                append();
            }
        }

        return new DataFrame(columns);
    }

    /// <summary>A text column's values as an array, for loops over many rows (the frame's indexer boxes every value).</summary>
    public static string[] Text(DataFrame frame, string column)
    {
        var source = (StringDataFrameColumn)frame.Columns[column];
        var values = new string[source.Length];
        for (var r = 0; r < values.Length; r++)
        {
            values[r] = source[r] ?? throw new InvalidOperationException($"Column {column} has a null at row {r}.");
        }

        return values;
    }

    /// <summary>A whole-number column's values as an array (nulls refused).</summary>
    public static long[] Whole(DataFrame frame, string column)
    {
        var source = (Int64DataFrameColumn)frame.Columns[column];
        var values = new long[source.Length];
        for (var r = 0; r < values.Length; r++)
        {
            values[r] = source[r] ?? throw new InvalidOperationException($"Column {column} has a null at row {r}.");
        }

        return values;
    }

    /// <summary>Creates <paramref name="relation"/> as a table with the frame's columns and rows.</summary>
    public static void Write(DuckDBConnection connection, string relation, DataFrame frame)
    {
        string Type(DataFrameColumn c) => c switch
        {
            StringDataFrameColumn => "varchar",
            BooleanDataFrameColumn => "boolean",
            DoubleDataFrameColumn => "double",
            Int64DataFrameColumn => "bigint",
            Int32DataFrameColumn => "integer",
            _ => throw new InvalidOperationException($"Column {c.Name} of {relation} is a {c.GetType().Name}, which is not written here."),
        };
        Db.Execute(connection, $"create table {relation} ({string.Join(", ", frame.Columns.Select(c => $"\"{c.Name}\" {Type(c)}"))})");
        Append(connection, relation, frame);
    }

    /// <summary>Appends the frame's rows to <paramref name="relation"/>, column by column in the table's order.</summary>
    public static void Append(DuckDBConnection connection, string relation, DataFrame frame)
    {
        var (schema, table) = (relation.Split('.')[0], relation.Split('.')[1]);
        using var appender = connection.CreateAppender(schema, table);
        for (long r = 0; r < frame.Rows.Count; r++)
        {
            var row = appender.CreateRow();
            foreach (var c in frame.Columns)
            {
                row = c[r] switch
                {
                    null => row.AppendNullValue(),
                    string s => row.AppendValue(s),
                    bool b => row.AppendValue(b),
                    double d => row.AppendValue(d),
                    long l => row.AppendValue(l),
                    int i => row.AppendValue(i),
                    var other => throw new InvalidOperationException($"A {other.GetType().Name} in column {c.Name} of {relation}."),
                };
            }

            row.EndRow();
        }
    }
}
