using DuckDB.NET.Data;
using ResearchPipeline.Models;
using static ResearchPipeline.Reports.Query;
using static ResearchPipeline.Warehouse.Db;

namespace ResearchPipeline.Reports.Partner;

/// <summary>
/// Reads one partnership's report data. Every query is filtered to this unit, or is a network aggregate
/// (benchmarks): nothing about another partnership is read into the report.
/// </summary>
internal static class PartnerReportLoader
{
    public static PartnerReportData Load(DuckDBConnection c, string unitId, string waveId)
    {
        var unit = Rows(c, "select u.name, u.network_id from research.units u where u.unit_id = $1", unitId);
        if (unit.Count == 0)
        {
            throw new PipelineInputException($"Partnership \"{unitId}\" is not in the roster.");
        }

        var network = Str(unit[0][1]);
        var framework = Rows(c, "select framework_id, name, version from research.frameworks where network_id = $1 and not descriptors_by_role order by framework_id", network);
        if (framework.Count == 0)
        {
            throw new PipelineInputException($"Network {network} has no stage framework for partner reports.");
        }

        var frameworkId = Str(framework[0][0]);
        var waves = Rows(c, "select wave_id from research.waves where network_id = $1 and starts_on <= (select starts_on from research.waves where network_id = $1 and wave_id = $2) order by starts_on", network, waveId)
            .Select(r => Str(r[0])).ToList();
        if (waves.Count == 0 || waves[^1] != waveId)
        {
            throw new PipelineInputException($"Wave \"{waveId}\" is not a wave of {network}.");
        }

        var levels = Rows(c, "select progress_rank, level_value, label from research.levels where framework_id = $1 order by progress_rank", frameworkId)
            .Select(r => new PartnerReportData.Level(Int(r[0]), Int(r[1]), Str(r[2]))).ToList();
        var history = Rows(c, """
            select dimension_code, wave_id, role_code, stage, n_raters, prev_stage, prev_wave_id, stage_rule
            from marts.stage_history
            where framework_id = $1 and unit_id = $2 and role_code in ('ALL', 'IHE', 'LEA')
            """, frameworkId, unitId);
        var benchmarks = Rows(c, "select dimension_code, n_units, p25, median, p75 from marts.network_benchmarks where framework_id = $1 and wave_id = $2", frameworkId, waveId)
            .ToDictionary(r => Str(r[0]), r => new PartnerReportData.Benchmark(Int(r[1]), DoubleOrNull(r[2]), DoubleOrNull(r[3]), DoubleOrNull(r[4])));
        var descriptors = Rows(c, """
            select d.dimension_code, l.progress_rank, d.text
            from research.descriptors d join research.levels l on l.framework_id = d.framework_id and l.level_value = d.level_value
            where d.framework_id = $1 and d.role_code is null
            """, frameworkId).ToDictionary(r => (Str(r[0]), Int(r[1])), r => Str(r[2]));

        var objectives = new List<PartnerReportData.Objective>();
        foreach (var d in Rows(c, "select dimension_code, number, title, group_code from research.dimensions where framework_id = $1 order by number", frameworkId))
        {
            var code = Str(d[0]);
            var mine = history.Where(h => Str(h[0]) == code).ToList();
            var all = mine.Where(h => Str(h[2]) == "ALL" && waves.Contains(Str(h[1]))).ToDictionary(h => Str(h[1]), h => h);
            var byWave = all.ToDictionary(kv => kv.Key, kv => Int(kv.Value[3]));
            all.TryGetValue(waveId, out var now);
            object?[]? Role(string role) => mine.FirstOrDefault(h => Str(h[2]) == role && Str(h[1]) == waveId);
            var ihe = Role("IHE");
            var lea = Role("LEA");
            var stage = now is null ? (int?)null : Int(now[3]);
            objectives.Add(new PartnerReportData.Objective(
                code, Int(d[1]), Str(d[2]), Str(d[3]), byWave, stage,
                now is null ? null : IntOrNull(now[5]), now is null ? null : now[6] as string, now is null ? null : Int(now[4]), now is not null && Str(now[7]) == "consensus",
                benchmarks.GetValueOrDefault(code),
                ihe is null ? null : Int(ihe[3]), ihe is null ? null : Int(ihe[4]),
                lea is null ? null : Int(lea[3]), lea is null ? null : Int(lea[4]),
                stage is null ? null : descriptors.GetValueOrDefault((code, stage.Value)),
                stage is null ? descriptors.GetValueOrDefault((code, 1)) ?? descriptors.GetValueOrDefault((code, 2)) : descriptors.GetValueOrDefault((code, stage.Value + 1))));
        }

        var responses = Rows(c, """
            select role_code, n_raters, has_consensus, n_ratings from marts.response_counts
            where framework_id = $1 and unit_id = $2 and wave_id = $3 order by role_code = 'ALL', role_code
            """, frameworkId, unitId, waveId).Select(r => (Str(r[0]), Int(r[1]), r[2] is true, Int(r[3]))).ToList();
        var q = Rows(c, """
            select coalesce(sum(n_records) filter (where wave_id = $2), 0), coalesce(sum(n_records) filter (where wave_id is null), 0)
            from marts.unit_quarantine where unit_id = $1
            """, unitId, waveId)[0];
        var quarantined = new PartnerReportData.Quarantine(Int(q[0]), Int(q[1]));
        // Member organisations whose side (IHE, LEA) had no individual rater in this wave: named in the data notes.
        var withoutRaters = Rows(c, """
            select m.member_role, m.org_name from marts.unit_wave_members m
            where m.unit_id = $1 and m.wave_id = $2
              and not exists (select 1 from marts.response_counts r where r.framework_id = $3 and r.unit_id = m.unit_id and r.wave_id = m.wave_id
                              and r.role_code = m.member_role and r.n_raters > 0)
            order by m.member_role, m.org_name
            """, unitId, waveId, frameworkId).Select(r => (Str(r[0]), Str(r[1]))).ToList();
        // Members over the waves this report shows, from effective-dated membership: a partner that changed during
        // the trajectory is named on both sides of the change, with the date it changed.
        var members = Rows(c, """
            with shown as (
              select distinct h.wave_id, w.starts_on, w.ends_on
              from marts.stage_history h join research.waves w on w.network_id = h.network_id and w.wave_id = h.wave_id
              where h.unit_id = $1 and h.wave_seq <= (select max(wave_seq) from marts.stage_history where unit_id = $1 and wave_id = $2)
            )
            select m.org_name || ' (' || m.member_role
              || case when m.valid_from > min(s.starts_on) then ', from ' || strftime(m.valid_from, '%Y-%m-%d') else '' end
              || case when m.valid_to is not null and m.valid_to < max(s.ends_on) then ', until ' || strftime(m.valid_to, '%Y-%m-%d') else '' end
              || ')'
            from marts.unit_wave_members m join shown s on s.wave_id = m.wave_id
            where m.unit_id = $1
            group by m.org_id, m.org_name, m.member_role, m.valid_from, m.valid_to
            order by m.member_role, m.valid_from
            """, unitId, waveId).Select(r => Str(r[0])).ToList();
        var (asOf, synthetic) = DataAsOf(c, unitId);
        return new PartnerReportData(unitId, Str(unit[0][0]), waveId, frameworkId, Str(framework[0][1]), Str(framework[0][2]), waves, objectives, levels,
            responses, quarantined, members, withoutRaters, RoleAgreement(c, frameworkId, unitId, waveId), asOf, synthetic);
    }

    private static PartnerReportData.RoleKappa? RoleAgreement(DuckDBConnection c, string frameworkId, string unitId, string waveId)
    {
        var row = Rows(c, "select n_objectives, kappa_quadratic, ci_low, ci_high from marts.role_agreement where framework_id = $1 and unit_id = $2 and wave_id = $3",
            frameworkId, unitId, waveId).SingleOrDefault();
        return row is null ? null : new PartnerReportData.RoleKappa(Int(row[0]), DoubleOrNull(row[1])!.Value, DoubleOrNull(row[2]), DoubleOrNull(row[3]));
    }
}
