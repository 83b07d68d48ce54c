namespace ResearchPipeline.Transform.Publishing;

/// <summary>A table the snapshot holds: its relation, how it is read from the working warehouse, and whether it is data (in the content hash) or a run log.</summary>
public sealed record PublicTable(string Relation, string Select, bool InContentHash)
{
    public string Schema => Relation.Split('.')[0];

    public string Name => Relation.Split('.')[1];
}
