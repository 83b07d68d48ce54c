namespace ResearchPipeline.Models.Yaml;

/// <summary>One thing wrong in a YAML file a user wrote: the file, the line, the key's path in it, and what.</summary>
public sealed record YamlProblem(string File, string Path, int Line, string Message)
{
    public override string ToString() =>
        Line > 0 ? $"{File} line {Line}, {Path}: {Message}" : $"{File}, {Path}: {Message}";
}
