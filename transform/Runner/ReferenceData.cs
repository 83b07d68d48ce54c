namespace ResearchPipeline.Transform.Runner;

/// <summary>
/// The reference data the models read the ratings against: frameworks, their levels, dimensions and roles, units,
/// organisations, memberships and waves. A build fingerprints it; when the fingerprint changes (a unit, membership or
/// wave added or edited), an incremental build is not enough and the runner rebuilds everything. So in an incremental
/// build a model made of reference data alone is already what it would be again, and is left as it is.
/// </summary>
internal static class ReferenceData
{
    public static readonly IReadOnlyList<string> Tables =
        ["core.frameworks", "core.levels", "core.dimensions", "core.roles", "core.units", "core.organizations", "core.unit_members", "core.waves"];

    /// <summary>One md5 of every reference table's rows, each table's rows in a fixed order.</summary>
    public static string FingerprintSql() =>
        $"select md5(concat_ws('|', {string.Join(", ", Tables.Select(t => $"(select coalesce(string_agg(cast(t as varchar), ';' order by cast(t as varchar)), '') from {t} t)"))}))";

    /// <summary>
    /// The relations of <paramref name="models"/> (in dependency order) whose rows come from reference data alone: every
    /// source they read is a reference table, and every model they read is one of these.
    /// </summary>
    public static IReadOnlySet<string> OnlyModels(IReadOnlyList<SqlModel> models)
    {
        var only = new HashSet<string>(StringComparer.Ordinal);
        foreach (var model in models)
        {
            if (model.ReadsSources.All(Tables.Contains) && model.DependsOn.All(only.Contains))
            {
                only.Add(model.Relation);
            }
        }

        return only;
    }
}
