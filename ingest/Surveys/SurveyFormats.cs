namespace ResearchPipeline.Ingest.Surveys;

/// <summary>Every survey format this assembly has (each a type implementing <see cref="ISurveyFormat"/>), by key, and recognition by header rows.</summary>
public static class SurveyFormats
{
    public static IReadOnlyList<ISurveyFormat> All { get; } = typeof(ISurveyFormat).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ISurveyFormat).IsAssignableFrom(t))
        .Select(t => (ISurveyFormat)Activator.CreateInstance(t)!)
        .OrderBy(f => f.Key, StringComparer.Ordinal)
        .ToList();

    public static IEnumerable<string> Keys => All.Select(f => f.Key);

    public static ISurveyFormat ByKey(string key) =>
        All.FirstOrDefault(f => f.Key == key) ?? throw new ArgumentException($"no survey format \"{key}\"", nameof(key));

    /// <summary>The format whose header rows the table has, or null.</summary>
    public static ISurveyFormat? Detect(SurveyTable table) =>
        All.Where(f => f.RecognitionOrder is not null).OrderBy(f => f.RecognitionOrder).FirstOrDefault(f => f.Recognizes(table));
}
