using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Models.Frameworks;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Ingest.LongFormat;

/// <summary>
/// The set-based landing of a long-format CSV: DuckDB's own CSV reader loads the file into a temporary table, every
/// distinct value combination is checked once by the same rules <see cref="RatingValidator"/> applies row by row
/// (<see cref="BulkLookups"/>), and raw, quarantine and core are written by SQL over the whole file. It lands exactly
/// what the row-by-row path lands (same rows, outcomes, pseudonyms, quarantine messages in the same order), bad rows
/// included, and is used wherever that is certain: a plain text file (see <see cref="TextScan"/>) whose rows all map one
/// to one onto its lines. Anything else returns before writing, and the caller lands the file row by row.
/// </summary>
public static class LongFormatBulk
{
    /// <summary>The file as landed, or why it must be landed row by row (nothing was written).</summary>
    public sealed record Attempt(IngestResult? Landed, string? RowByRowBecause);

    public static Attempt TryLand(DuckDBConnection connection, string path, TextScan scan, IngestOptions options, StepClock clock)
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

        // Memory bounded by the cap, not by the file: DuckDB spills what does not fit (the temporary tables, the joins).
        using var settings = Db.LargeWrite(connection, Db.IngestMemoryLimit);
        try
        {
            return Land(connection, path, fileName, scan, header, options, clock);
        }
        finally
        {
            Db.Execute(connection, """
                reset preserve_insertion_order;
                drop view if exists temp.bulk_pending; drop view if exists temp.bulk_wide; drop view if exists temp.bulk_fields; drop table if exists temp.bulk_incoming; drop table if exists temp.bulk_rows; 
                drop table if exists temp.bulk_codes; drop table if exists temp.bulk_units; drop table if exists temp.bulk_waves; drop table if exists temp.bulk_raters; drop table if exists temp.bulk_duplicates;
                drop table if exists temp.bulk_lookup_problems; drop table if exists temp.bulk_problems;
                """);
        }
    }

    private static Attempt Fallback(string why) => new(null, why);

    private static Attempt Land(DuckDBConnection connection, string path, string fileName, TextScan scan, LongFormatCsv.Header header, IngestOptions options, StepClock clock)
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

        clock.Lap("DuckDB read_csv into a temporary table");

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

        clock.Lap("row count and odd-row checks");

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

        BulkLookups.Build(connection, validator, options.Pseudonymizer);
        clock.Lap("distinct values checked into lookups");

        // 3. Every row, joined to its checked values: a narrow table of the lookups' numbers (the texts stay in the lookups;
        //    bulk_wide, every row with its lookups' texts, is the one place later steps read them). A blank level is "not rated" whatever else the row holds
        //    (unless the network or framework is wrong); a row with problems is quarantined with its combinations' problems, in order.
        if (!BulkLookups.JoinHashesAreUnique(connection))
        {
            return Fallback("two of its distinct values share a hash (about once in 10^12 files)");
        }

        var first = header.Notes + 2;
        Db.Execute(connection, $"""
            create temp table bulk_rows as
            select f.i + {first} as source_row, c.no as code_no, u.no as unit_no, w.no as wave_no, k.no as rater_no, f.level, f.comment,
                   c.key_no as code_key, u.key_no as unit_key, w.key_no as wave_key, coalesce(k.key_no, case when c.consensus then 0 end) as rater_part,
                   case when c.level_kind = 'NotRated' and c.scope_ok then 'skipped'
                        when c.problems + u.problems + w.problems = 0 and rater_part is not null then 'valid'
                        else 'invalid' end as status
            from bulk_fields f
            join bulk_codes c on c.h = {BulkLookups.KeyHash("bulk_codes", "f")}
            join bulk_units u on u.h = {BulkLookups.KeyHash("bulk_units", "f")}
            join bulk_waves w on w.h = {BulkLookups.KeyHash("bulk_waves", "f")}
            join bulk_raters k on k.h = {BulkLookups.KeyHash("bulk_raters", "f")}
            """);
        Db.Execute(connection, "drop view bulk_fields; drop table bulk_incoming");
        Db.Execute(connection, $"""
            create or replace temp view bulk_wide as
            select r.*, c.network_t, c.framework_t, w.wave_t, u.unit_t, c.role_t, k.rater_key, c.dimension_t,
                   w.rated_at_t, c.is_consensus_t, c.framework_id, c.network_id, u.unit_id, c.role_code, c.dimension_code, w.wave_id,
                   c.level_value, c.progress_rank, w.rated_at_value, c.consensus as is_consensus,
                   coalesce(k.rater_key, case when c.consensus then '{RatingValidator.ConsensusRater}' end) as rating_rater
            from bulk_rows r
            join bulk_codes c on c.no = r.code_no join bulk_units u on u.no = r.unit_no join bulk_waves w on w.no = r.wave_no join bulk_raters k on k.no = r.rater_no
            """);
        var (joined, invalid, skipped) = Counts(connection);
        if (joined != rows)
        {
            throw new InvalidOperationException($"{fileName}: {joined} of {rows} rows joined their checked values; the set-based landing is broken.");
        }

        clock.Lap("every row joined to its checked values");
        var (problems, problemCount) = invalid == 0 ? ([], 0L) : Invalid(connection);
        clock.Lap("bad rows' problems");

        // A second rating of the same rater, unit, role, dimension and wave in one file: the first stands, the rest are quarantined.
        // The canonical values' numbers make the key: grouping 2 million rows on four integers is cheap.
        Db.Execute(connection, """
            create temp table bulk_duplicates as
            select r.source_row, r.unit_id, r.dimension_code, r.wave_id, g.first_row
            from (select code_key, unit_key, wave_key, rater_part, min(source_row) as first_row
                  from bulk_rows where status = 'valid' group by all having count(*) > 1) g
            join bulk_wide r using (code_key, unit_key, wave_key, rater_part)
            where r.status = 'valid' and r.source_row > g.first_row
            """);
        var duplicates = Db.Scalar<long>(connection, "select count(*) from bulk_duplicates");
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"select source_row, unit_id, dimension_code, wave_id, first_row from bulk_duplicates order by source_row limit {Math.Max(0, IngestResult.ProblemsKept - problems.Count)}";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                problems.Add(RowProblem.SecondRatingInFile(reader.GetInt64(0), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetString(1)));
            }
        }

        clock.Lap("second ratings in the file");

        // 4. One batch, one transaction: raw (every row, with its outcome), quarantine, and the ratings.
        using var tx = connection.BeginTransaction();
        var batchId = BatchLander.StartBatch(connection, new BatchLander.Batch(options.SourceNameOr("file"), SourceKind.LongFormat, fileName, scan.Sha256, header.IsSynthetic), options.Now());
        Db.Execute(connection, """
            insert into raw.long_ratings (batch_id, source_row, network, framework, wave, unit, role, rater_key, dimension, level, rated_at,
                                          is_consensus, comment, outcome, superseded_by_batch, record_no, source_column, response_key)
            select $1, r.source_row, network_t, framework_t, wave_t, unit_t, role_t, rater_key, dimension_t, level, rated_at_t, is_consensus_t, comment,
                   case when status = 'skipped' then 'skipped' when status = 'invalid' or d.source_row is not null then 'quarantined' else 'loaded' end,
                   null, r.source_row, 'level', null
            from bulk_wide r left join bulk_duplicates d using (source_row)
            """, batchId);
        clock.Lap("raw written");
        if (invalid > 0)
        {
            Db.Execute(connection, "insert into ops.quarantine select $1, source_row, col, val, reason, unit_id, wave_id from bulk_problems", batchId);
        }

        if (duplicates > 0)
        {
            Db.Execute(connection, $"""
                insert into ops.quarantine
                select $1, source_row, null, null, {RowProblem.SecondRatingInFileSql("dimension_code", "wave_id", "first_row")}, unit_id, wave_id
                from bulk_duplicates
                """, batchId);
        }

        clock.Lap("quarantine written");
        Db.Execute(connection, """
            create or replace temp view bulk_pending as
            select $1 * 100000000 + r.source_row as rating_id, framework_id, network_id, unit_id, role_code, rating_rater as rater_key, dimension_code, wave_id,
                   level_value, progress_rank, rated_at_value as rated_at, is_consensus, nullif(comment, '') as comment, $1 as batch_id, r.source_row
            from bulk_wide r anti join bulk_duplicates d using (source_row)
            where status = 'valid'
            """.Replace("$1", batchId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var quarantined = invalid + duplicates;
        var loaded = rows - skipped - quarantined;
        var replaced = BatchLander.ApplyPending(connection, batchId, "bulk_pending");
        BatchLander.FinishBatch(connection, batchId, options.Now(), rows, loaded, quarantined, skipped);
        clock.Lap("core written (earlier ratings replaced)");
        tx.Commit();
        clock.Lap("commit");
        return new Attempt(new IngestResult(fileName, SourceKind.LongFormat, IngestStatus.Loaded, batchId, rows, loaded, quarantined, skipped, problems, replaced)
        {
            Steps = clock.Steps,
            ProblemCount = problemCount + duplicates,
        }, null);
    }

    /// <summary>
    /// The problems of the rows that do not validate, in the order the row-by-row path reports them (by row, then in the
    /// order the validator checks the fields), kept in <c>bulk_problems</c> for the quarantine: the first
    /// <see cref="IngestResult.ProblemsKept"/> of them in memory, and how many there are.
    /// </summary>
    private static (List<RowProblem> Kept, long Count) Invalid(DuckDBConnection connection)
    {
        Db.Execute(connection, $"""
            create temp table bulk_problems as
            select r.source_row, p.ord, p.col, p.val, p.reason, r.unit_id, r.wave_id
            from bulk_wide r join bulk_lookup_problems p on p.lookup = 'codes' and p.no = r.code_no where r.status = 'invalid'
            union all
            select r.source_row, p.ord, p.col, p.val, p.reason, r.unit_id, r.wave_id
            from bulk_wide r join bulk_lookup_problems p on p.lookup = 'units' and p.no = r.unit_no where r.status = 'invalid'
            union all
            select r.source_row, p.ord, p.col, p.val, p.reason, r.unit_id, r.wave_id
            from bulk_wide r join bulk_lookup_problems p on p.lookup = 'waves' and p.no = r.wave_no where r.status = 'invalid'
            union all
            select source_row, {BulkLookups.RaterOrder} as ord, 'rater', '', '{RatingValidator.RaterBlank}', unit_id, wave_id
            from bulk_wide where status = 'invalid' and rater_part is null
            """);
        string? Text(System.Data.Common.DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        var problems = new List<RowProblem>();
        using var command = connection.CreateCommand();
        command.CommandText = $"select source_row, col, val, reason, unit_id, wave_id from bulk_problems order by source_row, ord limit {IngestResult.ProblemsKept}";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            problems.Add(new RowProblem(reader.GetInt64(0), Text(reader, 1), Text(reader, 2), Text(reader, 3)!, Text(reader, 4), Text(reader, 5)));
        }

        return (problems, Db.Scalar<long>(connection, "select count(*) from bulk_problems"));
    }

    private static (long Joined, long Invalid, long Skipped) Counts(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "select count(*), count(*) filter (where status = 'invalid'), count(*) filter (where status = 'skipped') from bulk_rows";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }
}
