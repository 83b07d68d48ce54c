namespace ResearchPipeline.Jobs.Config;

/// <summary>An inbox folder: files dropped into it are ingested by the inbox scan, with its mapping when it has one.</summary>
public sealed record InboxFolder(string Path, string? MappingPath);
