namespace ResearchPipeline.Models.Frameworks;

/// <summary>One thing wrong with a definition file: which file, where in it, and what.</summary>
public sealed record DefinitionProblem(string File, string Path, int Line, string Message)
{
    public override string ToString() =>
        Line > 0 ? $"{File} line {Line}, {Path}: {Message}" : $"{File}, {Path}: {Message}";
}
