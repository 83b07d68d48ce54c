using ResearchPipeline.Models;

namespace ResearchPipeline.Ingest.Landing;

/// <summary>
/// The field resolvers of <see cref="RatingValidator"/>: each turns one (cleaned, trimmed) field into its code or value,
/// or says why it cannot, as a <see cref="Parsed{T}"/>. The row-by-row path and the set-based path
/// (<see cref="LongFormat.LongFormatBulk"/>) use the same ones, so both say the same about the same text.
/// </summary>
public sealed partial class RatingValidator
{
    /// <summary>The framework and network a record names (either may be blank; they must agree), with any problems as (column, value, reason).</summary>
    public sealed record Scope(ReferenceIndex.FrameworkInfo? Framework, string? Network, List<(string Column, string Value, string Reason)> Problems);

    /// <summary>Resolves the (cleaned, trimmed) network and framework fields.</summary>
    public Scope ResolveScope(string networkText, string frameworkText)
    {
        var problems = new List<(string, string, string)>();
        ReferenceIndex.FrameworkInfo? framework = null;
        string? network = null;
        if (networkText.Length > 0)
        {
            network = reference.Networks.FirstOrDefault(n => string.Equals(n, networkText, StringComparison.OrdinalIgnoreCase));
            if (network is null)
            {
                problems.Add(("network", networkText, $"network \"{networkText}\" is unknown (known: {string.Join(", ", reference.Networks.Order())})"));
            }
        }

        if (frameworkText.Length > 0)
        {
            if (!reference.Frameworks.TryGetValue(frameworkText, out framework))
            {
                problems.Add(("framework", frameworkText, $"framework \"{frameworkText}\" is unknown (known: {string.Join(", ", reference.Frameworks.Keys.Order())})"));
            }
        }
        else if (network is not null)
        {
            var candidates = reference.Frameworks.Values.Where(f => f.Definition.Network == network).ToList();
            if (candidates.Count == 1)
            {
                framework = candidates[0];
            }
            else
            {
                problems.Add(("framework", "", $"framework is blank and network {network} has {candidates.Count} frameworks: name one"));
            }
        }
        else if (networkText.Length == 0)
        {
            problems.Add(("framework", "", "framework and network are both blank"));
        }

        if (framework is not null && network is not null && framework.Definition.Network != network)
        {
            problems.Add(("framework", frameworkText, $"framework {framework.Definition.FrameworkId} belongs to network {framework.Definition.Network}, not {network}"));
            framework = null;
        }

        return new Scope(framework, network ?? framework?.Definition.Network, problems);
    }

    /// <summary>The roster's unit id for a unit field (id or roster name, any case), or why not.</summary>
    public Parsed<string> ResolveUnit(string unitText, string? network)
    {
        if (unitText.Length == 0)
        {
            return Parsed.Failure<string>("unit is blank");
        }

        if (!reference.Units.TryGetValue(unitText, out var unit) && !reference.Units.TryGetValue(ReferenceIndex.Canon(unitText), out unit))
        {
            return Parsed.Failure<string>($"unit \"{unitText}\" is not in the roster (add it with a roster CSV, or fix the id)");
        }

        return network is not null && unit.NetworkId != network
            ? Parsed.Failure<string>($"unit {unit.UnitId} belongs to network {unit.NetworkId}, not {network}")
            : Parsed.Success<string>(unit.UnitId);
    }

    /// <summary>The framework's role code for a role field (code or name), or why not.</summary>
    public static Parsed<string> ResolveRole(ReferenceIndex.FrameworkInfo framework, string roleText)
    {
        if (roleText.Length == 0)
        {
            return Parsed.Failure<string>("role is blank");
        }

        return framework.RoleByKey.TryGetValue(roleText, out var role) || framework.RoleByKey.TryGetValue(ReferenceIndex.Canon(roleText), out role)
            ? Parsed.Success<string>(role)
            : Parsed.Failure<string>($"role \"{roleText}\" is not a role of {framework.Definition.FrameworkId} (expected {string.Join(", ", framework.Definition.Roles.Select(x => x.Code))})");
    }

    /// <summary>The framework's dimension code for a dimension field (code, title, or both), or why not.</summary>
    public static Parsed<string> ResolveDimension(ReferenceIndex.FrameworkInfo framework, string dimensionText)
    {
        if (dimensionText.Length == 0)
        {
            return Parsed.Failure<string>($"dimension is blank (expected a {framework.Definition.DimensionTerm} code)");
        }

        if (framework.DimensionByKey.TryGetValue(dimensionText, out var dimension) || framework.DimensionByKey.TryGetValue(ReferenceIndex.Canon(dimensionText), out dimension))
        {
            return Parsed.Success<string>(dimension);
        }

        var codes = framework.Definition.Dimensions;
        return Parsed.Failure<string>($"\"{dimensionText}\" is not {Article(framework.Definition.DimensionTerm)} {framework.Definition.DimensionTerm} of {framework.Definition.FrameworkId} (expected {codes[0].Code}–{codes[^1].Code} or a title)");
    }

    /// <summary>A rated_at field as a UTC time (null when blank), or why it is not one; <paramref name="zone"/>: the mapping's time_zone:.</summary>
    public static Parsed<DateTime?> ResolveDate(string ratedAtText, TimeZoneInfo? zone = null) =>
        ratedAtText.Length == 0 ? Parsed.Success<DateTime?>(null) : DateText.Read(ratedAtText, zone);

    /// <summary>
    /// The wave of a rating: the wave field (id or label), checked against the date, or the wave the date falls in.
    /// A problem names its column (wave or rated_at).
    /// </summary>
    public Parsed<string> ResolveWave(string network, string waveText, string ratedAtText, DateTime? ratedAt)
    {
        var waves = reference.Waves.Where(w => w.NetworkId == network).ToList();
        if (waveText.Length > 0)
        {
            var wave = waves.FirstOrDefault(w => string.Equals(w.WaveId, waveText, StringComparison.OrdinalIgnoreCase) ||
                                                 string.Equals(w.Label, waveText, StringComparison.OrdinalIgnoreCase));
            if (wave is null)
            {
                return Parsed.Failure<string>($"wave \"{waveText}\" is not a wave of {network} (known: {string.Join(", ", waves.Select(w => w.WaveId))})", "wave");
            }

            return ratedAt is { } at && (DateOnly.FromDateTime(at) < wave.StartsOn || DateOnly.FromDateTime(at) > wave.EndsOn)
                ? Parsed.Failure<string>(
                    $"\"{ratedAtText}\" ({DateOnly.FromDateTime(at):yyyy-MM-dd} UTC) is outside wave {wave.WaveId} ({wave.StartsOn:yyyy-MM-dd} to {wave.EndsOn:yyyy-MM-dd}); correct the date or the wave, or widen the wave in a waves file",
                    "rated_at")
                : Parsed.Success<string>(wave.WaveId);
        }

        if (ratedAt is not null)
        {
            var day = DateOnly.FromDateTime(ratedAt.Value);
            var wave = waves.FirstOrDefault(w => day >= w.StartsOn && day <= w.EndsOn);
            return wave is null ? Parsed.Failure<string>($"wave is blank and \"{ratedAtText}\" ({day:yyyy-MM-dd} UTC) falls in no wave of {network}", "rated_at") : Parsed.Success<string>(wave.WaveId);
        }

        // A rated_at that is not a date has its own problem; the wave then stays unknown without a second one.
        return ratedAtText.Length == 0 ? Parsed.Failure<string>("wave and rated_at are both blank: one is needed to place the rating in a wave", "wave") : Parsed.Success<string>(null);
    }

    /// <summary>An is_consensus field (blank is false), or why it is not true or false.</summary>
    public static Parsed<bool> ResolveConsensus(string text) => text.ToLowerInvariant() switch
    {
        "" or "false" or "no" or "n" or "0" or "f" => Parsed.Success<bool>(false),
        "true" or "yes" or "y" or "1" or "t" => Parsed.Success<bool>(true),
        _ => Parsed.Failure<bool>($"\"{text}\" is not true or false"),
    };
}
