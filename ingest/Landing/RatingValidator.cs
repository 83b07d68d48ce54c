using System.Globalization;
using ResearchPipeline.Ingest.LongFormat;
using ResearchPipeline.Models.Frameworks;

namespace ResearchPipeline.Ingest.Landing;

/// <summary>
/// Checks one long-format record against the warehouse's reference data. Returns the canonical rating,
/// "not rated" (blank level), or every problem with the record, each naming column and value.
/// </summary>
public sealed class RatingValidator(ReferenceIndex reference, Pseudonymizer pseudonymizer)
{
    /// <summary>Rater key for a consensus rating given without a rater: one team judgement per role.</summary>
    public const string ConsensusRater = "consensus";

    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ",
        "yyyy-MM-ddTHH:mm:ss.fffZ", "yyyy-MM-ddTHH:mm:sszzz", "M/d/yyyy", "M/d/yyyy H:mm", "M/d/yyyy H:mm:ss", "M/d/yyyy h:mm tt", "M/d/yyyy h:mm:ss tt",
    ];

    public enum Outcome
    {
        Loaded,
        Skipped,
        Quarantined,
    }

    /// <summary><paramref name="RaterKey"/> is the rater's pseudonym as raw keeps it (null when the file left the rater blank).</summary>
    public sealed record Result(Outcome Outcome, CanonicalRating? Rating, List<RowProblem> Problems, string? UnitId, string? RaterKey);

    public Result Validate(LongRecord r)
    {
        var problems = new List<RowProblem>();
        void Problem(string column, string value, string reason) =>
            problems.Add(new RowProblem(r.SourceRow, r.ColumnLabel(column), value, reason) { ColumnIsLocation = r.SourceColumnsAreLocations && r.SourceColumns!.ContainsKey(column) });

        // Framework and network: either may be given; they must agree.
        ReferenceIndex.FrameworkInfo? framework = null;
        string? network = null;
        if (r.Network.Length > 0)
        {
            network = reference.Networks.FirstOrDefault(n => string.Equals(n, r.Network, StringComparison.OrdinalIgnoreCase));
            if (network is null)
            {
                Problem("network", r.Network, $"network \"{r.Network}\" is unknown (known: {string.Join(", ", reference.Networks.Order())})");
            }
        }

        if (r.Framework.Length > 0)
        {
            if (!reference.Frameworks.TryGetValue(r.Framework, out framework))
            {
                Problem("framework", r.Framework, $"framework \"{r.Framework}\" is unknown (known: {string.Join(", ", reference.Frameworks.Keys.Order())})");
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
                Problem("framework", "", $"framework is blank and network {network} has {candidates.Count} frameworks: name one");
            }
        }
        else if (r.Network.Length == 0)
        {
            Problem("framework", "", "framework and network are both blank");
        }

        if (framework is not null && network is not null && framework.Definition.Network != network)
        {
            Problem("framework", r.Framework, $"framework {framework.Definition.FrameworkId} belongs to network {framework.Definition.Network}, not {network}");
            framework = null;
        }

        network ??= framework?.Definition.Network;

        var pseudonym = r.Rater.Length > 0 ? pseudonymizer.Pseudonymize(r.Rater) : null;

        // Level first: a blank level is "not rated", not an error, whatever else the row holds.
        var level = framework?.Normalizer.Parse(r.Level);
        if (level is { Outcome: LevelParseOutcome.NotRated } && problems.Count == 0)
        {
            return new Result(Outcome.Skipped, null, problems, null, pseudonym);
        }

        if (level is { Outcome: LevelParseOutcome.Invalid })
        {
            Problem("level", r.Level, level.Value.Error!);
        }

        string? unitId = null;
        if (r.Unit.Length == 0)
        {
            Problem("unit", "", "unit is blank");
        }
        else if (!reference.Units.TryGetValue(r.Unit, out var unit) && !reference.Units.TryGetValue(ReferenceIndex.Canon(r.Unit), out unit))
        {
            Problem("unit", r.Unit, $"unit \"{r.Unit}\" is not in the roster (add it with a roster CSV, or fix the id)");
        }
        else if (network is not null && unit.NetworkId != network)
        {
            Problem("unit", r.Unit, $"unit {unit.UnitId} belongs to network {unit.NetworkId}, not {network}");
        }
        else
        {
            unitId = unit.UnitId;
        }

        string? role = null;
        if (framework is not null)
        {
            if (r.Role.Length == 0)
            {
                Problem("role", "", "role is blank");
            }
            else if (!framework.RoleByKey.TryGetValue(r.Role, out role) && !framework.RoleByKey.TryGetValue(ReferenceIndex.Canon(r.Role), out role))
            {
                Problem("role", r.Role, $"role \"{r.Role}\" is not a role of {framework.Definition.FrameworkId} (expected {string.Join(", ", framework.Definition.Roles.Select(x => x.Code))})");
            }
        }

        string? dimension = null;
        if (framework is not null)
        {
            if (r.Dimension.Length == 0)
            {
                Problem("dimension", "", $"dimension is blank (expected a {framework.Definition.DimensionTerm} code)");
            }
            else if (!framework.DimensionByKey.TryGetValue(r.Dimension, out dimension) &&
                     !framework.DimensionByKey.TryGetValue(ReferenceIndex.Canon(r.Dimension), out dimension))
            {
                var codes = framework.Definition.Dimensions;
                Problem("dimension", r.Dimension, $"\"{r.Dimension}\" is not {Article(framework.Definition.DimensionTerm)} {framework.Definition.DimensionTerm} of {framework.Definition.FrameworkId} (expected {codes[0].Code}–{codes[^1].Code} or a title)");
            }
        }

        DateTime? ratedAt = null;
        if (r.RatedAt.Length > 0)
        {
            if (DateTime.TryParseExact(r.RatedAt, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
            {
                ratedAt = parsed;
            }
            else
            {
                Problem("rated_at", r.RatedAt, $"\"{r.RatedAt}\" is not a date (expected YYYY-MM-DD, optionally with a time)");
            }
        }

        string? waveId = null;
        if (network is not null)
        {
            var waves = reference.Waves.Where(w => w.NetworkId == network).ToList();
            if (r.Wave.Length > 0)
            {
                var wave = waves.FirstOrDefault(w => string.Equals(w.WaveId, r.Wave, StringComparison.OrdinalIgnoreCase) ||
                                                     string.Equals(w.Label, r.Wave, StringComparison.OrdinalIgnoreCase));
                if (wave is null)
                {
                    Problem("wave", r.Wave, $"wave \"{r.Wave}\" is not a wave of {network} (known: {string.Join(", ", waves.Select(w => w.WaveId))})");
                }
                else if (ratedAt is { } at && (DateOnly.FromDateTime(at) < wave.StartsOn || DateOnly.FromDateTime(at) > wave.EndsOn))
                {
                    Problem("rated_at", r.RatedAt,
                        $"{DateOnly.FromDateTime(at):yyyy-MM-dd} is outside wave {wave.WaveId} ({wave.StartsOn:yyyy-MM-dd} to {wave.EndsOn:yyyy-MM-dd}); correct the date or the wave, or widen the wave in a waves file");
                }
                else
                {
                    waveId = wave.WaveId;
                }
            }
            else if (ratedAt is not null)
            {
                var day = DateOnly.FromDateTime(ratedAt.Value);
                var wave = waves.FirstOrDefault(w => day >= w.StartsOn && day <= w.EndsOn);
                if (wave is null)
                {
                    Problem("rated_at", r.RatedAt, $"wave is blank and {day:yyyy-MM-dd} falls in no wave of {network}");
                }
                else
                {
                    waveId = wave.WaveId;
                }
            }
            else if (r.RatedAt.Length == 0)
            {
                Problem("wave", "", "wave and rated_at are both blank: one is needed to place the rating in a wave");
            }
        }

        var consensus = false;
        switch (r.IsConsensus.ToLowerInvariant())
        {
            case "" or "false" or "no" or "n" or "0" or "f":
                break;
            case "true" or "yes" or "y" or "1" or "t":
                consensus = true;
                break;
            default:
                Problem("is_consensus", r.IsConsensus, $"\"{r.IsConsensus}\" is not true or false");
                break;
        }

        var raterKey = pseudonym ?? (consensus ? ConsensusRater : null);
        if (raterKey is null)
        {
            Problem("rater", "", "rater is blank (only a consensus rating may leave it blank)");
        }

        if (problems.Count > 0 || framework is null || level is null)
        {
            return new Result(Outcome.Quarantined, null, problems.Select(p => p with { UnitId = unitId }).ToList(), unitId, pseudonym);
        }

        var value = level.Value.Value;
        var rating = new CanonicalRating(r.SourceRow, framework.Definition.FrameworkId, network!, unitId!, role!, raterKey!, dimension!, waveId!,
            value, framework.RankByValue[value], ratedAt, consensus, r.Comment.Length == 0 ? null : r.Comment)
        {
            RecordNo = r.RecordNo,
        };
        return new Result(Outcome.Loaded, rating, problems, unitId, pseudonym);
    }

    /// <summary>"a" or "an" before a framework's term for its dimensions or levels ("an objective", "a stage").</summary>
    internal static string Article(string noun) => noun.Length > 0 && "aeiouAEIOU".Contains(noun[0], StringComparison.Ordinal) ? "an" : "a";
}
