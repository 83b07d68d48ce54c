using DuckDB.NET.Data;
using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Ingest.Roster;

/// <summary>Adds or updates units, organizations and memberships from roster rows (the caller owns the transaction).</summary>
public static class RosterLanding
{
    public static void Apply(DuckDBConnection connection, IEnumerable<RosterRow> rows)
    {
        foreach (var r in rows)
        {
            var kind = r.Network == "ilead" ? "partnership" : "team";
            Db.Execute(connection, "insert or replace into core.units values ($1, $2, $3, $4)", r.UnitId, r.Network, r.UnitName, kind);
            Db.Execute(connection, "insert or replace into core.organizations values ($1, $2, $3)", r.OrgId, r.OrgName, r.OrgKind);
            Db.Execute(connection, "insert or replace into core.unit_members values ($1, $2, $3, $4, $5)",
                r.UnitId, r.OrgId, r.MemberRole, r.ValidFrom, r.ValidTo);
        }
    }
}
