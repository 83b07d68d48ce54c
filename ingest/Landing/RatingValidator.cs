using System.Globalization;
using ResearchPipeline.Ingest.LongFormat;
using ResearchPipeline.Models.Frameworks;

namespace ResearchPipeline.Ingest.Landing;

/// <summary>
/// Checks one long-format record against the warehouse's reference data. Returns the canonical rating,
/// "not rated" (blank level), or every problem with the record, each naming column and value.
/// </summary>
public sealed partial class RatingValidator(ReferenceIndex reference, Pseudonymizer pseudonymizer)
{
    /// <summary>Rater key for a consensus rating given without a rater: one team judgement per role.</summary>
    public const string ConsensusRater = "consensus";

    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ",
        "yyyy-MM-ddTHH:mm:ss.fffZ", "yyyy-MM-ddTHH:mm:sszzz", "M/d/yyyy", "M/d/yyyy H:mm", "M/d/yyyy H:mm:ss", "M/d/yyyy h:mm tt", "M/d/yyyy h:mm:ss tt",
        "yyyy/M/d", "yyyy/M/d H:mm:ss", "yyyy/M/d h:mm:ss tt", "d MMMM yyyy", "d MMM yyyy", "MMMM d, yyyy", "MMM d, yyyy",
    ];

    /// <summary>The longest text a spreadsheet cell holds; a longer field is a pasted document or a broken quote, not a rating.</summary>
    public const int MaxFieldLength = 32_767;

    /// <summary>Zone suffixes survey tools write after a time ("9:14:03 AM GMT-4", "… EST"), as offsets from UTC.</summary>
    private static readonly Dictionary<string, TimeSpan> ZoneNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UTC"] = TimeSpan.Zero, ["GMT"] = TimeSpan.Zero, ["EST"] = TimeSpan.FromHours(-5), ["EDT"] = TimeSpan.FromHours(-4),
        ["CST"] = TimeSpan.FromHours(-6), ["CDT"] = TimeSpan.FromHours(-5), ["MST"] = TimeSpan.FromHours(-7), ["MDT"] = TimeSpan.FromHours(-6),
        ["PST"] = TimeSpan.FromHours(-8), ["PDT"] = TimeSpan.FromHours(-7),
    };

    /// <summary>
    /// A date as survey tools and people write it: ISO, US month/day/year, year/month/day, or with the month in words,
    /// optionally with a time and a zone ("GMT-4", "EST"). Day-first dates such as 04.03.2021 are not guessed.
    /// </summary>
    public static DateTime? ParseDate(string text)
    {
        var value = text.Trim();
        if (DateTime.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var plain))
        {
            return plain;
        }

        var offset = TimeSpan.Zero;
        var zone = ZoneSuffix().Match(value);
        if (zone.Success)
        {
            if (zone.Groups[2].Success)
            {
                var hours = int.Parse(zone.Groups[2].Value, CultureInfo.InvariantCulture);
                var minutes = zone.Groups[3].Success ? int.Parse(zone.Groups[3].Value, CultureInfo.InvariantCulture) : 0;
                offset = new TimeSpan(hours, hours < 0 ? -minutes : minutes, 0);
            }
            else if (!ZoneNames.TryGetValue(zone.Groups[4].Value, out offset))
            {
                return null;
            }

            value = value[..zone.Index];
        }
        else
        {
            return null;
        }

        return DateTime.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed - offset
            : null;
    }

    /// <summary>Control characters other than tab and line breaks (C0, DEL and C1).</summary>
    private static readonly System.Buffers.SearchValues<char> Unprintable = System.Buffers.SearchValues.Create(
        Enumerable.Range(0, 0xA0).Select(i => (char)i).Where(c => char.IsControl(c) && c is not '\t' and not '\n' and not '\r').ToArray());

    /// <summary>Removes control characters (other than tab and line breaks) that a cell cannot show; says whether it did.</summary>
    private static string Clean(string value, ref int cleaned)
    {
        if (value.AsSpan().IndexOfAny(Unprintable) < 0)
        {
            return value;
        }

        cleaned++;
        return new string(value.Where(c => !char.IsControl(c) || c is '\t' or '\n' or '\r').ToArray());
    }

    public enum Outcome
    {
        Loaded,
        Skipped,
        Quarantined,
    }

    /// <summary><paramref name="RaterKey"/> is the rater's pseudonym as raw keeps it (null when the file left the rater blank).</summary>
    public sealed record Result(Outcome Outcome, CanonicalRating? Rating, List<RowProblem> Problems, string? UnitId, string? RaterKey)
    {
        /// <summary>How many of the record's fields had control characters removed.</summary>
        public int FieldsCleaned { get; init; }
    }

    public Result Validate(LongRecord record)
    {
        var problems = new List<RowProblem>();
        var cleaned = 0;
        var changed = false;
        string C(string value, bool trim = true)
        {
            var result = Clean(value, ref cleaned);
            result = trim ? result.Trim() : result;
            changed |= !ReferenceEquals(result, value);
            return result;
        }

        var (network0, framework0, wave0, unit0, role0, rater0) = (C(record.Network), C(record.Framework), C(record.Wave), C(record.Unit), C(record.Role), C(record.Rater));
        var (dimension0, level0, ratedAt0, consensus0, comment0) = (C(record.Dimension), C(record.Level, trim: false), C(record.RatedAt), C(record.IsConsensus), C(record.Comment, trim: false));
        var r = !changed ? record : record with
        {
            Network = network0, Framework = framework0, Wave = wave0, Unit = unit0, Role = role0, Rater = rater0,
            Dimension = dimension0, Level = level0, RatedAt = ratedAt0, IsConsensus = consensus0, Comment = comment0,
        };
        void Problem(string column, string value, string reason) =>
            problems.Add(new RowProblem(r.SourceRow, r.ColumnLabel(column), value, reason) { ColumnIsLocation = r.SourceColumnsAreLocations && r.SourceColumns!.ContainsKey(column) });

        var longest = Math.Max(Math.Max(Math.Max(r.Unit.Length, r.Role.Length), Math.Max(r.Rater.Length, r.Dimension.Length)), Math.Max(r.Level.Length, r.Comment.Length));
        foreach (var (column, text) in longest <= MaxFieldLength ? [] : new[] { ("unit", r.Unit), ("role", r.Role), ("rater", r.Rater), ("dimension", r.Dimension), ("level", r.Level), ("comment", r.Comment) })
        {
            if (text.Length > MaxFieldLength)
            {
                Problem(column, text[..40] + "…", $"the {column} is {text.Length:N0} characters long, more than a spreadsheet cell holds ({MaxFieldLength:N0}): a pasted document or a quote left open?");
                return new Result(Outcome.Quarantined, null, problems, null, null) { FieldsCleaned = cleaned };
            }
        }

        // Framework and network: either may be given; they must agree.
        var scope = ResolveScope(r.Network, r.Framework);
        foreach (var (column, text, reason) in scope.Problems)
        {
            Problem(column, text, reason);
        }

        var (framework, network) = (scope.Framework, scope.Network);
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

        var (unitId, unitProblem) = ResolveUnit(r.Unit, network);
        if (unitProblem is not null)
        {
            Problem("unit", r.Unit, unitProblem);
        }

        string? role = null;
        string? dimension = null;
        if (framework is not null)
        {
            (role, var roleProblem) = ResolveRole(framework, r.Role);
            if (roleProblem is not null)
            {
                Problem("role", r.Role, roleProblem);
            }

            (dimension, var dimensionProblem) = ResolveDimension(framework, r.Dimension);
            if (dimensionProblem is not null)
            {
                Problem("dimension", r.Dimension, dimensionProblem);
            }
        }

        var (ratedAt, dateProblem) = ResolveDate(r.RatedAt);
        if (dateProblem is not null)
        {
            Problem("rated_at", r.RatedAt, dateProblem);
        }

        string? waveId = null;
        if (network is not null)
        {
            (waveId, var waveColumn, var waveProblem) = ResolveWave(network, r.Wave, r.RatedAt, ratedAt);
            if (waveProblem is not null)
            {
                Problem(waveColumn!, waveColumn == "wave" ? r.Wave : r.RatedAt, waveProblem);
            }
        }

        var (consensus, consensusProblem) = ResolveConsensus(r.IsConsensus);
        if (consensusProblem is not null)
        {
            Problem("is_consensus", r.IsConsensus, consensusProblem);
        }

        var raterKey = pseudonym ?? (consensus ? ConsensusRater : null);
        if (raterKey is null)
        {
            Problem("rater", "", "rater is blank (only a consensus rating may leave it blank)");
        }

        if (problems.Count > 0 || framework is null || level is null)
        {
            return new Result(Outcome.Quarantined, null, problems.Select(p => p with { UnitId = unitId }).ToList(), unitId, pseudonym) { FieldsCleaned = cleaned };
        }

        var value = level.Value.Value;
        var rating = new CanonicalRating(r.SourceRow, framework.Definition.FrameworkId, network!, unitId!, role!, raterKey!, dimension!, waveId!,
            value, framework.RankByValue[value], ratedAt, consensus, r.Comment.Length == 0 ? null : r.Comment)
        {
            RecordNo = r.RecordNo,
        };
        return new Result(Outcome.Loaded, rating, problems, unitId, pseudonym) { FieldsCleaned = cleaned };
    }

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
    public (string? UnitId, string? Problem) ResolveUnit(string unitText, string? network)
    {
        if (unitText.Length == 0)
        {
            return (null, "unit is blank");
        }

        if (!reference.Units.TryGetValue(unitText, out var unit) && !reference.Units.TryGetValue(ReferenceIndex.Canon(unitText), out unit))
        {
            return (null, $"unit \"{unitText}\" is not in the roster (add it with a roster CSV, or fix the id)");
        }

        return network is not null && unit.NetworkId != network
            ? (null, $"unit {unit.UnitId} belongs to network {unit.NetworkId}, not {network}")
            : (unit.UnitId, null);
    }

    /// <summary>The framework's role code for a role field (code or name), or why not.</summary>
    public static (string? Role, string? Problem) ResolveRole(ReferenceIndex.FrameworkInfo framework, string roleText)
    {
        if (roleText.Length == 0)
        {
            return (null, "role is blank");
        }

        return framework.RoleByKey.TryGetValue(roleText, out var role) || framework.RoleByKey.TryGetValue(ReferenceIndex.Canon(roleText), out role)
            ? (role, null)
            : (null, $"role \"{roleText}\" is not a role of {framework.Definition.FrameworkId} (expected {string.Join(", ", framework.Definition.Roles.Select(x => x.Code))})");
    }

    /// <summary>The framework's dimension code for a dimension field (code, title, or both), or why not.</summary>
    public static (string? Dimension, string? Problem) ResolveDimension(ReferenceIndex.FrameworkInfo framework, string dimensionText)
    {
        if (dimensionText.Length == 0)
        {
            return (null, $"dimension is blank (expected a {framework.Definition.DimensionTerm} code)");
        }

        if (framework.DimensionByKey.TryGetValue(dimensionText, out var dimension) || framework.DimensionByKey.TryGetValue(ReferenceIndex.Canon(dimensionText), out dimension))
        {
            return (dimension, null);
        }

        var codes = framework.Definition.Dimensions;
        return (null, $"\"{dimensionText}\" is not {Article(framework.Definition.DimensionTerm)} {framework.Definition.DimensionTerm} of {framework.Definition.FrameworkId} (expected {codes[0].Code}–{codes[^1].Code} or a title)");
    }

    /// <summary>A rated_at field as a UTC time (null when blank), or why it is not a date.</summary>
    public static (DateTime? RatedAt, string? Problem) ResolveDate(string ratedAtText)
    {
        if (ratedAtText.Length == 0)
        {
            return (null, null);
        }

        return ParseDate(ratedAtText) is { } parsed
            ? (parsed, null)
            : (null, $"\"{ratedAtText}\" is not a date (expected YYYY-MM-DD, M/D/YYYY or 4 March 2021, optionally with a time; day-first dates such as 04.03.2021 are not guessed)");
    }

    /// <summary>
    /// The wave of a rating: the wave field (id or label), checked against the date, or the wave the date falls in.
    /// A problem names its column (wave or rated_at).
    /// </summary>
    public (string? WaveId, string? Column, string? Problem) ResolveWave(string network, string waveText, string ratedAtText, DateTime? ratedAt)
    {
        var waves = reference.Waves.Where(w => w.NetworkId == network).ToList();
        if (waveText.Length > 0)
        {
            var wave = waves.FirstOrDefault(w => string.Equals(w.WaveId, waveText, StringComparison.OrdinalIgnoreCase) ||
                                                 string.Equals(w.Label, waveText, StringComparison.OrdinalIgnoreCase));
            if (wave is null)
            {
                return (null, "wave", $"wave \"{waveText}\" is not a wave of {network} (known: {string.Join(", ", waves.Select(w => w.WaveId))})");
            }

            return ratedAt is { } at && (DateOnly.FromDateTime(at) < wave.StartsOn || DateOnly.FromDateTime(at) > wave.EndsOn)
                ? (null, "rated_at",
                    $"{DateOnly.FromDateTime(at):yyyy-MM-dd} is outside wave {wave.WaveId} ({wave.StartsOn:yyyy-MM-dd} to {wave.EndsOn:yyyy-MM-dd}); correct the date or the wave, or widen the wave in a waves file")
                : (wave.WaveId, null, null);
        }

        if (ratedAt is not null)
        {
            var day = DateOnly.FromDateTime(ratedAt.Value);
            var wave = waves.FirstOrDefault(w => day >= w.StartsOn && day <= w.EndsOn);
            return wave is null ? (null, "rated_at", $"wave is blank and {day:yyyy-MM-dd} falls in no wave of {network}") : (wave.WaveId, null, null);
        }

        return ratedAtText.Length == 0 ? (null, "wave", "wave and rated_at are both blank: one is needed to place the rating in a wave") : (null, null, null);
    }

    /// <summary>An is_consensus field (blank is false), or why it is not true or false.</summary>
    public static (bool Consensus, string? Problem) ResolveConsensus(string text) => text.ToLowerInvariant() switch
    {
        "" or "false" or "no" or "n" or "0" or "f" => (false, null),
        "true" or "yes" or "y" or "1" or "t" => (true, null),
        _ => (false, $"\"{text}\" is not true or false"),
    };

    [System.Text.RegularExpressions.GeneratedRegex(@"\s+(?:(GMT|UTC)([+-]\d{1,2})(?::?(\d{2}))?|([A-Za-z]{3}))$")]
    private static partial System.Text.RegularExpressions.Regex ZoneSuffix();

    /// <summary>"a" or "an" before a framework's term for its dimensions or levels ("an objective", "a stage").</summary>
    internal static string Article(string noun) => noun.Length > 0 && "aeiouAEIOU".Contains(noun[0], StringComparison.Ordinal) ? "an" : "a";
}
