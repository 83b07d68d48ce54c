namespace ResearchPipeline.Ingest.Api;

/// <summary>A pull that could not complete, with a message that names the source and never holds a token.</summary>
public sealed class PullFailedException : Exception
{
    public PullFailedException()
    {
    }

    public PullFailedException(string message)
        : base(message)
    {
    }

    public PullFailedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
