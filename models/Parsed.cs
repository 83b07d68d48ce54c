namespace ResearchPipeline.Models;

/// <summary>
/// What parsing one field gave: the value, or why the text is not one (expected bad data is a value, not an exception).
/// A success may hold no value (an optional field left blank). A failure may name the column it belongs to, when the
/// parser decides that (a wave problem is the wave's or the date's).
/// </summary>
public readonly record struct Parsed<T>
{
    internal Parsed(T? value, string? problem, string? column)
    {
        Value = value;
        Problem = problem;
        Column = column;
    }

    public T? Value { get; }

    /// <summary>Why the text is not a value, in the user's words; null on success.</summary>
    public string? Problem { get; }

    /// <summary>The column a failure belongs to, when the parser says; null means the field's own column.</summary>
    public string? Column { get; }

    public bool Succeeded => Problem is null;
}

/// <summary>Makes <see cref="Parsed{T}"/> values.</summary>
public static class Parsed
{
    public static Parsed<T> Success<T>(T? value) => new(value, null, null);

    public static Parsed<T> Failure<T>(string problem, string? column = null) => new(default, problem, column);
}
