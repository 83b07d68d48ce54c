using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Models.Frameworks;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Ingest.LongFormat;

/// <summary>
/// The set-based landing of a long-format CSV: DuckDB's own CSV reader loads the file into a temporary table, every
/// distinct value of each column is checked once by the same rules <see cref="RatingValidator"/> applies row by row,
/// and raw, quarantine and core are written by SQL over the whole file. It lands exactly what the row-by-row path lands
/// (same rows, outcomes, pseudonyms and messages), and is used only where that is certain: a plain text file (see
/// <see cref="TextScan"/>) whose rows all map one to one onto its lines and whose ratings all validate, apart from
/// blank levels ("not rated") and a second rating of the same thing (quarantined, as the row-by-row path does).
/// Anything else returns null before writing, and the caller lands the file row by row, with a message for each problem.
/// </summary>
public static class LongFormatBulk
{
    /// <summary>The file as landed, or why it must be landed row by row (nothing was written).</summary>
    public sealed record Attempt(IngestResult? Landed, string? RowByRowBecause);

    public static Attempt TryLand(DuckDBConnection connection, string path, TextScan scan, IngestOptions options, Func<DateTime> now)
    {
        var fileName = Path.GetFileName(path);
        if (!scan.IsPlain)
        {
            return Fallback($"the file has {scan.NotPlainBecause}");
        }

        LongFormatCsv.Header header;
        try
        {
            using var text = new StreamReader(path, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true);
            header = LongFormatCsv.ReadHeader(fileName, text, out var csv);
            csv.Dispose();
        }
        catch (Models.PipelineInputException)
        {
            return Fallback("the header is refused");
        }

        try
        {
            return Land(connection, path, fileName, scan, header, options, now);
        }
        finally
        {
            Db.Execute(connection, """
                reset preserve_insertion_order;
                drop view if exists temp.bulk_pending; drop view if exists temp.bulk_fields; drop table if exists temp.bulk_incoming; drop table if exists temp.bulk_rows; 
                drop table if exists temp.bulk_codes; drop table if exists temp.bulk_units; drop table if exists temp.bulk_waves; drop table if exists temp.bulk_raters; drop table if exists temp.bulk_duplicates;
                """);
        }
    }

    private static Attempt Fallback(string why) => new(null, why);

    private static Attempt Land(DuckDBConnection connection, string path, string fileName, TextScan scan, LongFormatCsv.Header header, IngestOptions options, Func<DateTime> now)
    {
        // 1. DuckDB reads the file: every field as text, strict RFC 4180, a ragged row is an error (and the row-by-row path's business).
        var columns = "{" + string.Join(", ", header.Columns.Select((_, i) => $"'c{i}': 'VARCHAR'")) + "}";
        try
        {
            // Row numbers come from the table's row ids, so the load must keep the file's order (DuckDB's default).
            Db.Execute(connection, "set preserve_insertion_order = true");
            Db.Execute(connection, $"""
                create temp table bulk_incoming as select * from read_csv('{path.Replace("'", "''", StringComparison.Ordinal)}',
                  header = true, skip = {header.Notes}, auto_detect = false, delim = ',', quote = '"', escape = '"',
                  strict_mode = true, null_padding = false, columns = {columns})
                """);
        }
        catch (DuckDBException ex)
        {
            return Fallback("DuckDB's reader refused it: " + ex.Message.Split('\n')[0]);
        }

        // From here on no statement needs the file's order (rows carry their numbers), and DuckDB is faster without keeping it.
        Db.Execute(connection, "set preserve_insertion_order = false");
        string Col(string name) => header.Present[name] is var i and >= 0 ? $"coalesce(c{i}, '')" : "''";
        var rows = Db.Scalar<long>(connection, "select count(*) from bulk_incoming");
        var dataLines = scan.Lines - header.Notes - 1;
        if (rows == 0 || rows != dataLines)
        {
            return Fallback($"{rows:N0} rows read from {dataLines:N0} lines (blank lines, or line breaks inside fields)");
        }

        // Rows the row-by-row reader passes over or reads specially: blank rows, the header again, over-long fields.
        var all = Enumerable.Range(0, header.Columns.Count).Select(i => $"coalesce(c{i}, '')").ToList();
        var blank = string.Join(" and ", all.Select(c => $"trim({c}) = ''"));
        var headerAgain = string.Join(" and ", all.Select((c, i) => $"lower(trim({c})) = '{header.Columns[i].Replace("'", "''", StringComparison.Ordinal)}'"));
        var longest = string.Join(", ", all.Select(c => $"length({c})"));
        var odd = Db.Scalar<long>(connection, $"select count(*) from bulk_incoming where ({blank}) or ({headerAgain}) or greatest({longest}) > {RatingValidator.MaxFieldLength}");
        if (odd > 0)
        {
            return Fallback("blank rows, a repeated header or an over-long field");
        }

        // 2. Each distinct combination is checked once, by the validator's own rules, into one of four small lookup tables:
        //    what the row rates (framework, role, dimension, level, consensus), where (unit), when (wave, date), and who (rater).
        var reference = ReferenceIndex.Load(connection);
        var validator = new RatingValidator(reference, options.Pseudonymizer);
        Db.Execute(connection, $"""
            create or replace temp view bulk_fields as
            select rowid as i, {Col("network")} as network, {Col("framework")} as framework, {Col("wave")} as wave, {Col("unit")} as unit,
                   {Col("role")} as role, {Col("rater")} as rater, {Col("dimension")} as dimension, {Col("level")} as level,
                   {Col("rated_at")} as rated_at, {Col("is_consensus")} as is_consensus, {Col("comment")} as comment
            from bulk_incoming
            """);

        var scopes = new Dictionary<(string, string), RatingValidator.Scope>();
        foreach (var (network, framework) in Pairs(connection, "select distinct network, framework from bulk_fields"))
        {
            var scope = validator.ResolveScope(network.Trim(), framework.Trim());
            if (scope.Problems.Count > 0 || scope.Framework is null)
            {
                return Fallback($"network/framework \"{network}\"/\"{framework}\" does not resolve");
            }

            scopes[(network, framework)] = scope;
        }

        Lookup(connection, "bulk_codes",
            """
            network varchar, framework varchar, role varchar, dimension varchar, level varchar, is_consensus varchar,
            network_t varchar, framework_t varchar, network_id varchar, framework_id varchar, role_t varchar, role_code varchar,
            dimension_t varchar, dimension_code varchar, level_kind varchar, level_value integer, progress_rank integer,
            is_consensus_t varchar, consensus_ok boolean, consensus boolean
            """,
            "select distinct network, framework, role, dimension, level, is_consensus from bulk_fields",
            (row, key) =>
            {
                var scope = scopes[(key[0], key[1])];
                var framework = scope.Framework!;
                var role = RatingValidator.ResolveRole(framework, key[2].Trim()).Value;
                var dimension = RatingValidator.ResolveDimension(framework, key[3].Trim()).Value;
                var level = framework.Normalizer.Parse(key[4]);
                var consensus = RatingValidator.ResolveConsensus(key[5].Trim());
                row = row.AppendValue(key[0]).AppendValue(key[1]).AppendValue(key[2]).AppendValue(key[3]).AppendValue(key[4]).AppendValue(key[5])
                    .AppendValue(key[0].Trim()).AppendValue(key[1].Trim()).AppendValue(scope.Network).AppendValue(framework.Definition.FrameworkId)
                    .AppendValue(key[2].Trim()).AppendValue(role).AppendValue(key[3].Trim()).AppendValue(dimension).AppendValue(level.Outcome.ToString());
                row = level.Outcome == LevelParseOutcome.Level ? row.AppendValue(level.Value).AppendValue(framework.RankByValue[level.Value]) : row.AppendNullValue().AppendNullValue();
                return row.AppendValue(key[5].Trim()).AppendValue(consensus.Succeeded).AppendValue(consensus.Value);
            });

        Lookup(connection, "bulk_units", "network varchar, framework varchar, unit varchar, unit_t varchar, unit_id varchar",
            "select distinct network, framework, unit from bulk_fields",
            (row, key) => row.AppendValue(key[0]).AppendValue(key[1]).AppendValue(key[2]).AppendValue(key[2].Trim())
                .AppendValue(validator.ResolveUnit(key[2].Trim(), scopes[(key[0], key[1])].Network).Value));
        Lookup(connection, "bulk_waves",
            """
            network varchar, framework varchar, wave varchar, rated_at varchar,
            wave_t varchar, rated_at_t varchar, rated_at_value timestamp, wave_ok boolean, wave_id varchar
            """,
            "select distinct network, framework, wave, rated_at from bulk_fields",
            (row, key) =>
            {
                var network = scopes[(key[0], key[1])].Network!;
                var (wave, ratedAtText) = (key[2].Trim(), key[3].Trim());
                var date = RatingValidator.ResolveDate(ratedAtText);
                var ratedAt = date.Value;
                var waveId = validator.ResolveWave(network, wave, ratedAtText, ratedAt);
                row = row.AppendValue(key[0]).AppendValue(key[1]).AppendValue(key[2]).AppendValue(key[3]).AppendValue(wave).AppendValue(ratedAtText);
                row = ratedAt is { } at ? row.AppendValue(at) : row.AppendNullValue();
                return row.AppendValue(date.Succeeded && waveId.Succeeded && waveId.Value is not null).AppendValue(waveId.Value);
            });
        Lookup(connection, "bulk_raters", "rater varchar, rater_key varchar",
            "select distinct rater from bulk_fields",
            (row, key) => row.AppendValue(key[0]).AppendValue(key[0].Trim().Length > 0 ? options.Pseudonymizer.Pseudonymize(key[0].Trim()) : null));

        // 3. Every row, joined to its checked values. A blank level is "not rated" whatever else the row holds; any other
        //    problem sends the whole file to the row-by-row path, which says what is wrong, row by row.
        var first = header.Notes + 2;
        Db.Execute(connection, $"""
            create temp table bulk_rows as
            select f.i + {first} as source_row, c.network_t, c.framework_t, w.wave_t, u.unit_t, c.role_t, k.rater_key, c.dimension_t, f.level,
                   w.rated_at_t, c.is_consensus_t, f.comment, c.framework_id, c.network_id, u.unit_id, c.role_code, c.dimension_code, w.wave_id,
                   c.level_value, c.progress_rank, w.rated_at_value, c.consensus as is_consensus,
                   coalesce(k.rater_key, case when c.consensus then '{RatingValidator.ConsensusRater}' end) as rating_rater,
                   hash(c.framework_id, u.unit_id, c.role_code, rating_rater, c.dimension_code, w.wave_id) as key_hash,
                   case when c.level_kind = 'NotRated' then 'skipped'
                        when c.level_kind = 'Level' and u.unit_id is not null and c.role_code is not null and c.dimension_code is not null
                             and w.wave_ok and c.consensus_ok and rating_rater is not null then 'valid'
                        else 'invalid' end as status
            from bulk_fields f
            join bulk_codes c on c.network = f.network and c.framework = f.framework and c.role = f.role and c.dimension = f.dimension
                             and c.level = f.level and c.is_consensus = f.is_consensus
            join bulk_units u on u.network = f.network and u.framework = f.framework and u.unit = f.unit
            join bulk_waves w on w.network = f.network and w.framework = f.framework and w.wave = f.wave and w.rated_at = f.rated_at
            join bulk_raters k on k.rater = f.rater
            """);
        Db.Execute(connection, "drop table bulk_incoming");
        var (joined, invalid, skipped) = Counts(connection);
        if (joined != rows)
        {
            throw new InvalidOperationException($"{fileName}: {joined} of {rows} rows joined their checked values; the set-based landing is broken.");
        }

        if (invalid > 0)
        {
            return Fallback($"{invalid:N0} row(s) do not validate");
        }

        // A second rating of the same rater, unit, role, dimension and wave in one file: the first stands, the rest are quarantined.
        // The key's hash first: grouping 2 million integers is cheap, and finds the few keys (usually none) worth grouping in full.
        Db.Execute(connection, """
            create temp table bulk_duplicates as
            select r.source_row, r.unit_id, r.dimension_code, r.wave_id, g.first_row
            from (select framework_id, unit_id, role_code, rating_rater, dimension_code, wave_id, min(source_row) as first_row
                  from bulk_rows
                  where status = 'valid' and key_hash in (select key_hash from bulk_rows where status = 'valid' group by key_hash having count(*) > 1)
                  group by all having count(*) > 1) g
            join bulk_rows r using (framework_id, unit_id, role_code, rating_rater, dimension_code, wave_id)
            where r.status = 'valid' and r.source_row > g.first_row
            """);
        var problems = new List<RowProblem>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "select source_row, unit_id, dimension_code, wave_id, first_row from bulk_duplicates order by source_row";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                problems.Add(RowProblem.SecondRatingInFile(reader.GetInt64(0), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetString(1)));
            }
        }

        // 4. One batch, one transaction: raw (every row, with its outcome), quarantine, and the ratings.
        using var tx = connection.BeginTransaction();
        var batchId = BatchLander.StartBatch(connection, new BatchLander.Batch(options.SourceNameOr("file"), SourceKind.LongFormat, fileName, scan.Sha256, header.IsSynthetic), now());
        Db.Execute(connection, """
            insert into raw.long_ratings (batch_id, source_row, network, framework, wave, unit, role, rater_key, dimension, level, rated_at,
                                          is_consensus, comment, outcome, superseded_by_batch, record_no, source_column, response_key)
            select $1, r.source_row, network_t, framework_t, wave_t, unit_t, role_t, rater_key, dimension_t, level, rated_at_t, is_consensus_t, comment,
                   case when status = 'skipped' then 'skipped' when d.source_row is not null then 'quarantined' else 'loaded' end,
                   null, r.source_row, 'level', null
            from bulk_rows r left join bulk_duplicates d using (source_row)
            """, batchId);
        BatchLander.AppendQuarantine(connection, batchId, problems);
        Db.Execute(connection, """
            create or replace temp view bulk_pending as
            select $1 * 100000000 + r.source_row as rating_id, framework_id, network_id, unit_id, role_code, rating_rater as rater_key, dimension_code, wave_id,
                   level_value, progress_rank, rated_at_value as rated_at, is_consensus, nullif(comment, '') as comment, $1 as batch_id, r.source_row
            from bulk_rows r anti join bulk_duplicates d using (source_row)
            where status = 'valid'
            """.Replace("$1", batchId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var loaded = rows - skipped - problems.Count;
        var replaced = BatchLander.ApplyPending(connection, batchId, "bulk_pending");
        BatchLander.FinishBatch(connection, batchId, now(), rows, loaded, problems.Count, skipped);
        tx.Commit();
        return new Attempt(new IngestResult(fileName, SourceKind.LongFormat, IngestStatus.Loaded, batchId, rows, loaded, problems.Count, skipped, problems, replaced), null);
    }

    private static (long Joined, long Invalid, long Skipped) Counts(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "select count(*), count(*) filter (where status = 'invalid'), count(*) filter (where status = 'skipped') from bulk_rows";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private static List<(string, string)> Pairs(DuckDBConnection connection, string sql) =>
        Db.TextRows(connection, sql).Select(r => (r[0], r[1])).ToList();

    /// <summary>Creates a temporary lookup table and fills it with one row per distinct key the query returns.</summary>
    private static void Lookup(DuckDBConnection connection, string table, string columns, string keys, Func<IDuckDBAppenderRow, string[], IDuckDBAppenderRow> fill)
    {
        Db.Execute(connection, $"create temp table {table} ({columns})");
        using var appender = connection.CreateAppender("temp", "main", table);
        foreach (var key in Db.TextRows(connection, keys))
        {
            fill(appender.CreateRow(), key).EndRow();
        }
    }
}
