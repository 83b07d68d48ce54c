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
        command.UseStreamingMode = true; // rows as they are read: DuckDB does not first hold the whole result
        using var reader = command.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(i => ColumnReader.For(reader, i)).ToArray();
        while (reader.Read())
        {
            foreach (var column in columns)
            {
                column.Read(reader);
            }
        }

        return new DataFrame(columns.Select(c => c.Column()));
    }

    /// <summary>
    /// One column's values as they are read, made a DataFrame column at the end (appending to a DataFrame column value
    /// by value is several times slower). A text column keeps one string per distinct value: its values repeat (a few
    /// ids over hundreds of thousands of rows), and keeping every row's own copy cost more in garbage collection than
    /// the reading itself.
    /// </summary>
    private abstract class ColumnReader(string name, int ordinal)
    {
        protected string Name { get; } = name;

        protected int Ordinal { get; } = ordinal;

        public static ColumnReader For(DuckDBDataReader reader, int i)
        {
            var (name, type) = (reader.GetName(i), reader.GetFieldType(i));
            return type == typeof(string) ? new TextReader(name, i)
                : type == typeof(bool) ? new ValueReader<bool>(name, i, r => r.GetBoolean(i), values => new BooleanDataFrameColumn(name, values))
                : type == typeof(double) ? new ValueReader<double>(name, i, r => r.GetDouble(i), values => new DoubleDataFrameColumn(name, values))
                : type == typeof(float) || type == typeof(decimal)
                    ? new ValueReader<double>(name, i, r => Convert.ToDouble(r.GetValue(i), CultureInfo.InvariantCulture), values => new DoubleDataFrameColumn(name, values))
                : type == typeof(long) ? new ValueReader<long>(name, i, r => r.GetInt64(i), values => new Int64DataFrameColumn(name, values))
                : type == typeof(int) || type == typeof(short) || type == typeof(byte) || type == typeof(ulong) || type == typeof(uint)
                    ? new ValueReader<long>(name, i, r => Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture), values => new Int64DataFrameColumn(name, values))
                : throw new InvalidOperationException($"Column {name} is {type.Name}, which a DataFrame here does not hold: cast it in the model's SQL.");
        }

        public abstract void Read(DuckDBDataReader reader);

        public abstract DataFrameColumn Column();
    }

    private sealed class TextReader(string name, int ordinal) : ColumnReader(name, ordinal)
    {
        private readonly List<string?> _values = [];
        private readonly Dictionary<string, string> _distinct = new(StringComparer.Ordinal);

        public override void Read(DuckDBDataReader reader)
        {
            if (reader.IsDBNull(Ordinal))
            {
                _values.Add(null);
                return;
            }

            var value = reader.GetString(Ordinal);
            if (!_distinct.TryGetValue(value, out var kept))
            {
                _distinct[value] = kept = value;
            }

            _values.Add(kept);
        }

        public override DataFrameColumn Column()
        {
            var column = new StringDataFrameColumn(Name, _values);
            _values.Clear();
            _values.TrimExcess();
            return column;
        }
    }

    /// <summary>Values of a fixed-size type, the rows of its nulls apart (most columns have none).</summary>
    private sealed class ValueReader<T>(string name, int ordinal, Func<DuckDBDataReader, T> get, Func<IEnumerable<T?>, DataFrameColumn> make) : ColumnReader(name, ordinal)
        where T : struct
    {
        private readonly List<T> _values = [];
        private readonly HashSet<int> _nulls = [];

        public override void Read(DuckDBDataReader reader)
        {
            if (reader.IsDBNull(Ordinal))
            {
                _nulls.Add(_values.Count);
                _values.Add(default);
                return;
            }

            _values.Add(get(reader));
        }

        public override DataFrameColumn Column()
        {
            var column = make(_nulls.Count == 0 ? _values.Select(v => (T?)v) : _values.Select((v, i) => _nulls.Contains(i) ? null : (T?)v));
            _values.Clear();
            _values.TrimExcess();
            return column;
        }
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
