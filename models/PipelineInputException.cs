namespace ResearchPipeline.Models;

/// <summary>
/// Input or configuration that the pipeline refuses as a whole (exit code 2): the message is the
/// one clear line the user sees, naming what and where.
/// </summary>
public sealed class PipelineInputException : Exception
{
    /// <summary>The longest message kept: a value quoted from a file (a 200 MB line) must not become a 200 MB message.</summary>
    public const int MaxMessageLength = 4000;

    public PipelineInputException(string message)
        : base(Bounded(message))
    {
    }

    public PipelineInputException(string message, Exception inner)
        : base(Bounded(message), inner)
    {
    }

    private static string Bounded(string message) =>
        message.Length <= MaxMessageLength ? message : message[..MaxMessageLength] + $"… ({message.Length - MaxMessageLength:N0} more characters not shown)";

    public PipelineInputException()
    {
    }
}
