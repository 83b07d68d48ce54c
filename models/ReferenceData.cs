using System.Reflection;
using ResearchPipeline.Models.Frameworks;

namespace ResearchPipeline.Models;

/// <summary>The reference data that ships inside the pipeline: framework definitions, roster and waves.</summary>
public static class ReferenceData
{
    private static readonly Assembly Self = typeof(ReferenceData).Assembly;

    /// <summary>Every built-in framework definition, validated; a broken one is a build defect, so it throws.</summary>
    public static IReadOnlyList<FrameworkDefinition> BuiltInFrameworks()
    {
        var result = new List<FrameworkDefinition>();
        foreach (var name in Self.GetManifestResourceNames().Where(n => n.StartsWith("frameworks/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var loaded = FrameworkLoader.Load(name["frameworks/".Length..], ReadResource(name));
            if (!loaded.IsValid)
            {
                throw new InvalidOperationException(
                    "Built-in framework definition is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, loaded.Problems));
            }

            result.Add(loaded.Framework!);
        }

        return result;
    }

    /// <summary>The built-in roster in the roster CSV format.</summary>
    public static string RosterCsv() => ReadResource("roster/roster.csv");

    /// <summary>The built-in waves: network_id, wave_id, label, starts_on, ends_on.</summary>
    public static string WavesCsv() => ReadResource("roster/waves.csv");

    /// <summary>Networks: network_id, name.</summary>
    public static string NetworksCsv() => ReadResource("roster/networks.csv");

    private static string ReadResource(string name)
    {
        using var stream = Self.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing from {Self.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
