namespace ResearchPipeline.Ingest.Roster;

/// <summary>One line of a roster CSV: a unit, one member organization, and when it was a member.</summary>
public sealed record RosterRow(
    int SourceRow,
    string Network,
    string UnitId,
    string UnitName,
    string OrgId,
    string OrgName,
    string OrgKind,
    string MemberRole,
    DateOnly ValidFrom,
    DateOnly? ValidTo);
