using System.Globalization;
using DuckDB.NET.Data;
using ResearchPipeline.Models.Frameworks;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Ingest.Landing;

/// <summary>
/// What the warehouse knows right now (frameworks, units, roles, waves), indexed for validating
/// incoming ratings. Read once per batch so that roster extensions apply at once.
/// </summary>
public sealed class ReferenceIndex
{
    public sealed record FrameworkInfo(
        FrameworkDefinition Definition, LevelNormalizer Normalizer, Dictionary<int, int> RankByValue,
        Dictionary<string, string> DimensionByKey, Dictionary<string, string> RoleByKey);

    public sealed record WaveInfo(string NetworkId, string WaveId, string Label, DateOnly StartsOn, DateOnly EndsOn);

    public Dictionary<string, FrameworkInfo> Frameworks { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>unit id or roster name (any case) → (unit id, network).</summary>
    public Dictionary<string, (string UnitId, string NetworkId)> Units { get; } = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<string> Networks { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<WaveInfo> Waves { get; } = [];

    public static ReferenceIndex Load(DuckDBConnection connection)
    {
        var index = new ReferenceIndex();
        foreach (var r in Db.TextRows(connection, "select network_id from core.networks"))
        {
            index.Networks.Add(r[0]);
        }

        var levels = Db.TextRows(connection, "select framework_id, level_value, label, progress_rank from core.levels order by framework_id, level_value")
            .GroupBy(r => r[0]).ToDictionary(g => g.Key, g => g.ToList());
        var dims = Db.TextRows(connection, "select framework_id, dimension_code, number, title, group_code from core.dimensions order by framework_id, number")
            .GroupBy(r => r[0]).ToDictionary(g => g.Key, g => g.ToList());
        var roles = Db.TextRows(connection, "select framework_id, role_code, name from core.roles")
            .GroupBy(r => r[0]).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var f in Db.TextRows(connection, "select framework_id, name, version, network_id, ascending, level_term, dimension_term, descriptors_by_role from core.frameworks"))
        {
            var id = f[0];
            var levelDefs = levels.GetValueOrDefault(id, []).Select(l => new LevelDefinition(Int(l[1]), l[2], Int(l[3]))).ToList();
            var dimDefs = dims.GetValueOrDefault(id, []).Select(d => new DimensionDefinition(d[1], Int(d[2]), d[3], d[4], [])).ToList();
            var roleDefs = roles.GetValueOrDefault(id, []).Select(r => new RoleDefinition(r[1], r[2], null)).ToList();
            var def = new FrameworkDefinition(id, f[1], f[2], f[3], f[5], f[6], bool.Parse(f[4]), bool.Parse(f[7]), levelDefs, [], roleDefs, dimDefs);
            var dimensionKeys = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var d in dimDefs)
            {
                dimensionKeys[d.Code] = d.Code;
                dimensionKeys[Canon(d.Title)] = d.Code;
                dimensionKeys[Canon($"{d.Code}. {d.Title}")] = d.Code;
                dimensionKeys[Canon($"{d.Code} {d.Title}")] = d.Code;
            }

            var roleKeys = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var r in roleDefs)
            {
                roleKeys[r.Code] = r.Code;
                roleKeys[Canon(r.Name)] = r.Code;
                roleKeys[Canon(r.Code.Replace('_', ' '))] = r.Code;
            }

            index.Frameworks[id] = new FrameworkInfo(def, new LevelNormalizer(def), levelDefs.ToDictionary(l => l.Value, l => l.ProgressRank), dimensionKeys, roleKeys);
        }

        foreach (var u in Db.TextRows(connection, "select unit_id, network_id, name from core.units"))
        {
            index.Units[u[0]] = (u[0], u[1]);
            index.Units.TryAdd(Canon(u[2]), (u[0], u[1]));
        }

        foreach (var w in Db.TextRows(connection, "select network_id, wave_id, label, strftime(starts_on, '%Y-%m-%d'), strftime(ends_on, '%Y-%m-%d') from core.waves order by network_id, starts_on"))
        {
            index.Waves.Add(new WaveInfo(w[0], w[1], w[2], DateOnly.Parse(w[3], CultureInfo.InvariantCulture), DateOnly.Parse(w[4], CultureInfo.InvariantCulture)));
        }

        return index;
    }

    public static string Canon(string s) => TextKey.Canon(s);

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);
}
