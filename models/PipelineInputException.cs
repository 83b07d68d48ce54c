namespace ResearchPipeline.Models;

/// <summary>
/// Input or configuration that the pipeline refuses as a whole (exit code 2): the message is the
/// one clear line the user sees, naming what and where.
/// </summary>
public sealed class PipelineInputException : Exception
{
    public PipelineInputException(string message)
        : base(message)
    {
    }

    public PipelineInputException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public PipelineInputException()
    {
    }
}
