using DuckDB.NET.Data;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Ingest.Roster;

/// <summary>
/// Adds or updates units, organizations and memberships from roster rows (the caller owns the transaction), set-based:
/// the rows go to a temporary table and each core table takes, per key, the file's last row for it (as row-by-row
/// upserts in file order would leave it). One statement per table, whatever the size of the roster.
/// </summary>
public static class RosterLanding
{
    public static void Apply(DuckDBConnection connection, IEnumerable<RosterRow> rows)
    {
        Db.Execute(connection, """
            create or replace temp table roster_rows (i integer, unit_id varchar, network_id varchar, unit_name varchar, unit_kind varchar,
              org_id varchar, org_name varchar, org_kind varchar, member_role varchar, valid_from date, valid_to date)
            """);
        using (var appender = connection.CreateAppender("temp", "main", "roster_rows"))
        {
            var i = 0;
            foreach (var r in rows)
            {
                var row = appender.CreateRow().AppendValue(i++).AppendValue(r.UnitId).AppendValue(r.Network).AppendValue(r.UnitName)
                    .AppendValue(r.Network == "ilead" ? "partnership" : "team").AppendValue(r.OrgId).AppendValue(r.OrgName).AppendValue(r.OrgKind)
                    .AppendValue(r.MemberRole).AppendValue(r.ValidFrom);
                (r.ValidTo is { } to ? row.AppendValue(to) : row.AppendNullValue()).EndRow();
            }
        }

        Db.Execute(connection, """
            insert or replace into core.units
            select unit_id, network_id, unit_name, unit_kind from roster_rows qualify row_number() over (partition by unit_id order by i desc) = 1;
            insert or replace into core.organizations
            select org_id, org_name, org_kind from roster_rows qualify row_number() over (partition by org_id order by i desc) = 1;
            insert or replace into core.unit_members
            select unit_id, org_id, member_role, valid_from, valid_to from roster_rows
            qualify row_number() over (partition by unit_id, org_id, valid_from order by i desc) = 1;
            drop table roster_rows;
            """);
    }
}
