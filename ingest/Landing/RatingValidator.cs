using System.Globalization;
using ResearchPipeline.Ingest.LongFormat;
using ResearchPipeline.Models;
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

    /// <summary>Why a rating without a rater is quarantined (the set-based path writes the same words).</summary>
    public const string RaterBlank = "rater is blank (only a consensus rating may leave it blank)";

    /// <summary>The longest text a spreadsheet cell holds; a longer field is a pasted document or a broken quote, not a rating.</summary>
    public const int MaxFieldLength = 32_767;

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

        /// <summary>The wave the record named, where it could be read.</summary>
        public string? WaveId { get; init; }
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

        T? Field<T>(Parsed<T> parsed, string column, string value)
        {
            if (parsed.Problem is { } why)
            {
                Problem(parsed.Column ?? column, parsed.Column == "rated_at" ? r.RatedAt : value, why);
            }

            return parsed.Value;
        }

        var unitId = Field(ResolveUnit(r.Unit, network), "unit", r.Unit);
        var role = framework is null ? null : Field(ResolveRole(framework, r.Role), "role", r.Role);
        var dimension = framework is null ? null : Field(ResolveDimension(framework, r.Dimension), "dimension", r.Dimension);
        var ratedAt = Field(ResolveDate(r.RatedAt, r.TimeZone), "rated_at", r.RatedAt);
        var waveId = network is null ? null : Field(ResolveWave(network, r.Wave, r.RatedAt, ratedAt), "wave", r.Wave);
        var consensus = Field(ResolveConsensus(r.IsConsensus), "is_consensus", r.IsConsensus);

        var raterKey = pseudonym ?? (consensus ? ConsensusRater : null);
        if (raterKey is null)
        {
            Problem("rater", "", RaterBlank);
        }

        if (problems.Count > 0 || framework is null || level is null)
        {
            return new Result(Outcome.Quarantined, null, problems.Select(p => p with { UnitId = unitId, WaveId = waveId }).ToList(), unitId, pseudonym) { FieldsCleaned = cleaned, WaveId = waveId };
        }

        var value = level.Value.Value;
        var rating = new CanonicalRating(r.SourceRow, framework.Definition.FrameworkId, network!, unitId!, role!, raterKey!, dimension!, waveId!,
            value, framework.RankByValue[value], ratedAt, consensus, r.Comment.Length == 0 ? null : r.Comment)
        {
            RecordNo = r.RecordNo,
        };
        return new Result(Outcome.Loaded, rating, problems, unitId, pseudonym) { FieldsCleaned = cleaned, WaveId = waveId };
    }

    /// <summary>"a" or "an" before a framework's term for its dimensions or levels ("an objective", "a stage").</summary>
    internal static string Article(string noun) => noun.Length > 0 && "aeiouAEIOU".Contains(noun[0], StringComparison.Ordinal) ? "an" : "a";
}
