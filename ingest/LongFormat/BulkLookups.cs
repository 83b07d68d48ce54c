using DuckDB.NET.Data;
using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Models;
using ResearchPipeline.Models.Frameworks;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Ingest.LongFormat;

/// <summary>
/// The checked values of the set-based landing (<see cref="LongFormatBulk"/>): each distinct combination in the file is
/// checked once, by the validator's own resolvers, into one of four small lookup tables (what the row rates, where, when,
/// who), and every problem a combination has goes into <c>bulk_lookup_problems</c> with its place in the order
/// <see cref="RatingValidator.Validate"/> reports problems in. A row's problems are then its combinations' problems, in
/// that order: the same messages the row-by-row path writes, without reading the rows one by one.
/// <para>
/// Each lookup row also carries <c>key_no</c>, a small number for the canonical values it stands for (the same number
/// for every spelling of the same framework, role and dimension; unit; wave; rater), so that the rows' second ratings are
/// found by grouping integers, and <c>h</c>, the hash of its raw text key, so that the rows join their lookups on one
/// integer instead of several texts (see <see cref="JoinHashesAreUnique"/>).
/// </para>
/// </summary>
internal static class BulkLookups
{
    /// <summary>Where a problem comes in a row's list: the order in which <see cref="RatingValidator.Validate"/> checks the fields.</summary>
    private static class Order
    {
        public const int Scope = 0;
        public const int Level = 10;
        public const int Unit = 20;
        public const int Role = 30;
        public const int Dimension = 40;
        public const int Date = 50;
        public const int Wave = 60;
        public const int Consensus = 70;
    }

    /// <summary>The place of the "rater is blank" problem, which depends on two lookups and is written by SQL.</summary>
    public const int RaterOrder = 80;

    /// <summary>Each lookup table and the fields of <c>bulk_fields</c> that make its key, in order.</summary>
    public static readonly (string Table, string[] Key)[] Keys =
    [
        ("bulk_codes", ["network", "framework", "role", "dimension", "level", "is_consensus"]),
        ("bulk_units", ["network", "framework", "unit"]),
        ("bulk_waves", ["network", "framework", "wave", "rated_at"]),
        ("bulk_raters", ["rater"]),
    ];

    /// <summary>The hash of a lookup's key over the fields of the row aliased <paramref name="row"/> (DuckDB's <c>hash</c>).</summary>
    public static string KeyHash(string table, string row) =>
        "hash(" + string.Join(", ", Keys.Single(k => k.Table == table).Key.Select(field => $"{row}.{field}")) + ")";

    /// <summary>
    /// Whether every lookup's key hashes differ. Each row's key is in its lookup (the lookups are the distinct keys of
    /// the same rows), so where they differ a row's hash matches its own key and no other: joining on the hash alone is
    /// exact. Two of a few thousand 64-bit hashes agree about once in 10^12 files; the caller then lands row by row.
    /// </summary>
    public static bool JoinHashesAreUnique(DuckDBConnection connection) =>
        Keys.All(k => Db.Scalar<bool>(connection, $"select count(distinct h) = count(*) from {k.Table}"));

    public static void Build(DuckDBConnection connection, RatingValidator validator, Pseudonymizer pseudonymizer)
    {
        Db.Execute(connection, "create temp table bulk_lookup_problems (lookup varchar, no integer, ord integer, col varchar, val varchar, reason varchar)");
        using var problems = connection.CreateAppender("temp", "main", "bulk_lookup_problems");
        void Problem(string lookup, int no, int ord, string column, string value, string reason) =>
            problems.CreateRow().AppendValue(lookup).AppendValue(no).AppendValue(ord).AppendValue(column).AppendValue(value).AppendValue(reason).EndRow();

        var (codeKeys, unitKeys, waveKeys, raterKeys) = (new KeyNumbers(), new KeyNumbers(), new KeyNumbers(), new KeyNumbers());
        var scopes = new Dictionary<(string, string), RatingValidator.Scope>();
        RatingValidator.Scope ScopeOf(string network, string framework) =>
            scopes.TryGetValue((network, framework), out var scope) ? scope : scopes[(network, framework)] = validator.ResolveScope(network.Trim(), framework.Trim());

        Lookup(connection, "bulk_codes",
            """
            no integer, network varchar, framework varchar, role varchar, dimension varchar, level varchar, is_consensus varchar,
            network_t varchar, framework_t varchar, network_id varchar, framework_id varchar, role_t varchar, role_code varchar,
            dimension_t varchar, dimension_code varchar, level_kind varchar, level_value integer, progress_rank integer,
            is_consensus_t varchar, consensus boolean, scope_ok boolean, problems integer, key_no integer
            """,
            (row, no, key) =>
            {
                var count = 0;
                void P(int ord, string column, string value, string reason)
                {
                    Problem("codes", no, ord, column, value, reason);
                    count++;
                }

                var scope = ScopeOf(key[0], key[1]);
                for (var i = 0; i < scope.Problems.Count; i++)
                {
                    P(Order.Scope + i, scope.Problems[i].Column, scope.Problems[i].Value, scope.Problems[i].Reason);
                }

                var framework = scope.Framework;
                var (roleText, dimensionText, consensusText) = (key[2].Trim(), key[3].Trim(), key[5].Trim());
                var level = framework?.Normalizer.Parse(key[4]);
                if (level is { Outcome: LevelParseOutcome.Invalid })
                {
                    P(Order.Level, "level", key[4], level.Value.Error!);
                }

                var role = framework is null ? default : RatingValidator.ResolveRole(framework, roleText);
                if (role.Problem is { } roleProblem)
                {
                    P(Order.Role, role.Column ?? "role", roleText, roleProblem);
                }

                var dimension = framework is null ? default : RatingValidator.ResolveDimension(framework, dimensionText);
                if (dimension.Problem is { } dimensionProblem)
                {
                    P(Order.Dimension, dimension.Column ?? "dimension", dimensionText, dimensionProblem);
                }

                var consensus = RatingValidator.ResolveConsensus(consensusText);
                if (consensus.Problem is { } consensusProblem)
                {
                    P(Order.Consensus, consensus.Column ?? "is_consensus", consensusText, consensusProblem);
                }

                row = row.AppendValue(no).AppendValue(key[0]).AppendValue(key[1]).AppendValue(key[2]).AppendValue(key[3]).AppendValue(key[4]).AppendValue(key[5])
                    .AppendValue(key[0].Trim()).AppendValue(key[1].Trim()).AppendValue(scope.Network).AppendValue(framework?.Definition.FrameworkId)
                    .AppendValue(roleText).AppendValue(role.Value).AppendValue(dimensionText).AppendValue(dimension.Value).AppendValue(level?.Outcome.ToString());
                row = level is { Outcome: LevelParseOutcome.Level } parsed
                    ? row.AppendValue(parsed.Value).AppendValue(framework!.RankByValue[parsed.Value])
                    : row.AppendNullValue().AppendNullValue();
                return row.AppendValue(consensusText).AppendValue(consensus.Value).AppendValue(scope.Problems.Count == 0).AppendValue(count)
                    .AppendValue(codeKeys.Number(framework?.Definition.FrameworkId, role.Value, dimension.Value));
            });

        Lookup(connection, "bulk_units", "no integer, network varchar, framework varchar, unit varchar, unit_t varchar, unit_id varchar, problems integer, key_no integer",
            (row, no, key) =>
            {
                var unitText = key[2].Trim();
                var unit = validator.ResolveUnit(unitText, ScopeOf(key[0], key[1]).Network);
                if (unit.Problem is { } why)
                {
                    Problem("units", no, Order.Unit, unit.Column ?? "unit", unitText, why);
                }

                return row.AppendValue(no).AppendValue(key[0]).AppendValue(key[1]).AppendValue(key[2]).AppendValue(unitText).AppendValue(unit.Value)
                    .AppendValue(unit.Problem is null ? 0 : 1).AppendValue(unitKeys.Number(unit.Value));
            });

        Lookup(connection, "bulk_waves",
            """
            no integer, network varchar, framework varchar, wave varchar, rated_at varchar,
            wave_t varchar, rated_at_t varchar, rated_at_value timestamp, wave_id varchar, problems integer, key_no integer
            """,
            (row, no, key) =>
            {
                var count = 0;
                var network = ScopeOf(key[0], key[1]).Network;
                var (waveText, ratedAtText) = (key[2].Trim(), key[3].Trim());
                var date = RatingValidator.ResolveDate(ratedAtText);
                if (date.Problem is { } dateProblem)
                {
                    Problem("waves", no, Order.Date, date.Column ?? "rated_at", ratedAtText, dateProblem);
                    count++;
                }

                var wave = network is null ? default : validator.ResolveWave(network, waveText, ratedAtText, date.Value);
                if (wave.Problem is { } waveProblem)
                {
                    var column = wave.Column ?? "wave";
                    Problem("waves", no, Order.Wave, column, column == "rated_at" ? ratedAtText : waveText, waveProblem);
                    count++;
                }

                row = row.AppendValue(no).AppendValue(key[0]).AppendValue(key[1]).AppendValue(key[2]).AppendValue(key[3]).AppendValue(waveText).AppendValue(ratedAtText);
                row = date.Value is { } at ? row.AppendValue(at) : row.AppendNullValue();
                return row.AppendValue(wave.Value).AppendValue(count).AppendValue(waveKeys.Number(wave.Value));
            });

        Lookup(connection, "bulk_raters", "no integer, rater varchar, rater_key varchar, key_no integer",
            (row, no, key) =>
            {
                var raterKey = key[0].Trim().Length > 0 ? pseudonymizer.Pseudonymize(key[0].Trim()) : null;
                return row.AppendValue(no).AppendValue(key[0]).AppendValue(raterKey).AppendValue(raterKeys.Number(raterKey));
            });
    }

    /// <summary>
    /// Numbers canonical values from 1 in the order first met; null where a value is missing (the row is invalid, and
    /// its number never compared). The rater's 0 is left for the consensus rating (see <see cref="LongFormatBulk"/>).
    /// </summary>
    private sealed class KeyNumbers
    {
        private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);

        public int? Number(params string?[] values)
        {
            if (values.Any(v => v is null))
            {
                return null;
            }

            var key = string.Join('\u001f', values);
            return _numbers.TryGetValue(key, out var n) ? n : _numbers[key] = _numbers.Count + 1;
        }
    }

    /// <summary>
    /// Creates a temporary lookup table and fills it with one row per distinct key (its <see cref="Keys"/> in
    /// <c>bulk_fields</c>), numbered from 1, then adds each row's key hash <c>h</c>.
    /// </summary>
    private static void Lookup(DuckDBConnection connection, string table, string columns, Func<IDuckDBAppenderRow, int, string[], IDuckDBAppenderRow> fill)
    {
        Db.Execute(connection, $"create temp table {table} ({columns})");
        using (var appender = connection.CreateAppender("temp", "main", table))
        {
            var no = 0;
            foreach (var key in Db.TextRows(connection, $"select distinct {string.Join(", ", Keys.Single(k => k.Table == table).Key)} from bulk_fields"))
            {
                fill(appender.CreateRow(), ++no, key).EndRow();
            }
        }

        Db.Execute(connection, $"alter table {table} add column h ubigint; update {table} set h = {KeyHash(table, table)}");
    }
}
