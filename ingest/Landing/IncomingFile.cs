namespace ResearchPipeline.Ingest.Landing;

/// <summary>A file being ingested: its name as messages show it, its bytes and their SHA-256, and its text when it is text.</summary>
public sealed record IncomingFile(string FileName, byte[] Bytes, string Sha256)
{
    /// <summary>The decoded text (byte-order marks dropped), for text layouts; null for workbooks.</summary>
    public string? Text { get; init; }
}
