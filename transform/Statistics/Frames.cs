using System.Globalization;
using DuckDB.NET.Data;
using Microsoft.Data.Analysis;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Transform.Statistics;

/// <summary>
/// What computed models read and write. They read the rows their SQL selects as plain arrays, a column at a time
/// (<see cref="Read"/>): text as strings, whole numbers as longs (anything else is cast in the model's SQL). A
/// Microsoft.Data.Analysis DataFrame in between had cost more than the statistics themselves: hundreds of thousands of
/// rows went in value by value and came back out the same way. They write their tables as DataFrames.
/// </summary>
public static class Frames
{
    public static ModelInput Read(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.UseStreamingMode = true; // rows as they are read: DuckDB does not first hold the whole result
        using var reader = command.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(i => ColumnReader.For(reader, i)).ToArray();
        var rows = 0;
        while (reader.Read())
        {
            foreach (var column in columns)
            {
                column.Read(reader);
            }

            rows++;
        }

        return new ModelInput(rows, columns.ToDictionary(c => c.Name, c => c.Values(), StringComparer.Ordinal));
    }

    /// <summary>One column's values as they are read.</summary>
    private abstract class ColumnReader(string name, int ordinal)
    {
        public string Name { get; } = name;

        protected int Ordinal { get; } = ordinal;

        public static ColumnReader For(DuckDBDataReader reader, int i)
        {
            var (name, type) = (reader.GetName(i), reader.GetFieldType(i));
            return type == typeof(string) ? new TextReader(name, i)
                : type == typeof(long) ? new WholeReader(name, i, r => r.GetInt64(i))
                : type == typeof(int) || type == typeof(short) || type == typeof(byte) || type == typeof(uint) || type == typeof(ushort)
                    ? new WholeReader(name, i, r => Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture))
                : throw new InvalidOperationException($"Column {name} is {type.Name}, which a computed model does not read: cast it to text or a whole number in the model's SQL.");
        }

        public abstract void Read(DuckDBDataReader reader);

        public abstract Array Values();
    }

    /// <summary>
    /// Values kept in fixed-size chunks as they come, made one array at the end: an array doubling as it filled copied
    /// every value again and again, and was a third of the reading's time.
    /// </summary>
    private sealed class Chunks<T>
    {
        private const int Size = 4096; // 32 KB of references or 64 KB of nullable longs: below the large object heap, whose allocations set off full collections
        private readonly List<T[]> _full = [];
        private T[] _current = new T[Size];
        private int _used;

        public void Add(T value)
        {
            if (_used == Size)
            {
                _full.Add(_current);
                (_current, _used) = (new T[Size], 0);
            }

            _current[_used++] = value;
        }

        public T[] ToArray()
        {
            var all = new T[(_full.Count * Size) + _used];
            for (var c = 0; c < _full.Count; c++)
            {
                _full[c].CopyTo(all, c * Size);
            }

            Array.Copy(_current, 0, all, _full.Count * Size, _used);
            return all;
        }
    }

    /// <summary>
    /// Text, with one string per distinct value: a column's values repeat (a few ids over hundreds of thousands of
    /// rows), and keeping every row's own copy cost more in garbage collection than the reading itself. A value equal to
    /// the row before's is taken from it without a lookup (rows come in runs of an id).
    /// </summary>
    private sealed class TextReader(string name, int ordinal) : ColumnReader(name, ordinal)
    {
        private readonly Dictionary<string, string> _distinct = new(StringComparer.Ordinal);
        private readonly Chunks<string?> _values = new();
        private string? _last;

        public override void Read(DuckDBDataReader reader)
        {
            if (reader.IsDBNull(Ordinal))
            {
                _values.Add(null);
                return;
            }

            var value = reader.GetString(Ordinal);
            if (!string.Equals(value, _last, StringComparison.Ordinal) && !_distinct.TryGetValue(value, out _last))
            {
                _distinct[value] = _last = value;
            }

            _values.Add(_last);
        }

        public override Array Values() => _values.ToArray();
    }

    /// <summary>Whole numbers; a null is kept as null.</summary>
    private sealed class WholeReader(string name, int ordinal, Func<DuckDBDataReader, long> get) : ColumnReader(name, ordinal)
    {
        private readonly Chunks<long?> _values = new();

        public override void Read(DuckDBDataReader reader) => _values.Add(reader.IsDBNull(Ordinal) ? null : get(reader));

        public override Array Values() => _values.ToArray();
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
