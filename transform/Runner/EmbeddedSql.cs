namespace ResearchPipeline.Transform.Runner;

/// <summary>The runner's and publisher's own SQL files (Runner/sql, Publishing/sql), embedded in the assembly.</summary>
internal static class EmbeddedSql
{
    public static string Read(string fileName)
    {
        using var stream = typeof(EmbeddedSql).Assembly.GetManifestResourceStream("runner/" + fileName)
            ?? throw new InvalidOperationException($"runner/{fileName} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
