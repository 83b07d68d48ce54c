using Microsoft.Data.Analysis;

namespace ResearchPipeline.Transform.Statistics;

/// <summary>
/// The C# computations that computed models name (<c>materialized: computed</c>, <c>compute: name</c>): each turns the
/// rows its model's SQL selects into the model's table. One line here per computation.
/// </summary>
public static class ComputedModels
{
    private static readonly Dictionary<string, Func<ModelInput, DataFrame>> All = new(StringComparer.Ordinal)
    {
        ["alpha_bootstrap"] = AlphaBootstrap.Compute,
        ["role_kappa"] = RoleKappa.Compute,
        ["objective_alpha"] = ObjectiveAlpha.Compute,
    };

    public static IEnumerable<string> Names => All.Keys;

    public static bool Knows(string name) => All.ContainsKey(name);

    public static DataFrame Run(string name, ModelInput input) => All[name](input);
}
