using System.Globalization;
using DuckDB.NET.Data;

namespace ResearchPipeline.Transform.Runner;

/// <summary>
/// Builds the models in dependency order inside one transaction (a reader never sees half a build),
/// then runs their data tests and stores the results, with up to 100 failing rows per test, in ops.
/// </summary>
public sealed class ModelRunner(DuckDBConnection connection, TimeProvider clock)
{
    private const int StoredFailingRows = 100;

    public IReadOnlyList<SqlModel> Models { get; } = ModelCatalog.Load();

    public void Build(Action<SqlModel>? progress = null)
    {
        using var tx = connection.BeginTransaction();
        foreach (var model in Models)
        {
            progress?.Invoke(model);
            Execute($"create schema if not exists {model.Layer}");
            // A model can change kind between versions: drop whatever holds the name first.
            Execute($"drop view if exists {model.Relation}");
            Execute($"drop table if exists {model.Relation}");
            Execute($"create {model.Materialized} {model.Relation} as {model.Sql}");
        }

        tx.Commit();
    }

    public IReadOnlyList<TestOutcome> Test()
    {
        EnsureOpsTables();
        var runId = Scalar("select coalesce(max(run_id), 0) + 1 from ops.test_results");
        var ranAt = clock.GetUtcNow().UtcDateTime;
        var outcomes = new List<TestOutcome>();
        using var tx = connection.BeginTransaction();
        foreach (var test in Models.SelectMany(m => m.Tests))
        {
            var failing = Scalar($"select count(*) from ({test.FailingRowsSql}) t");
            var outcome = new TestOutcome(test, failing);
            outcomes.Add(outcome);
            using (var insert = connection.CreateCommand())
            {
                insert.CommandText = "insert into ops.test_results values ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
                foreach (var p in new object?[] { runId, ranAt, test.Model, test.Name, test.Severity.ToString().ToLowerInvariant(), outcome.Status, failing, test.Description, test.FailingRowsSql })
                {
                    insert.Parameters.Add(new DuckDBParameter(p ?? DBNull.Value));
                }

                insert.ExecuteNonQuery();
            }

            if (failing > 0)
            {
                using var store = connection.CreateCommand();
                store.CommandText =
                    $"insert into ops.test_failures select $1, $2, $3, cast(to_json(t) as varchar) from ({test.FailingRowsSql} limit {StoredFailingRows}) t";
                store.Parameters.Add(new DuckDBParameter(runId));
                store.Parameters.Add(new DuckDBParameter(test.Model));
                store.Parameters.Add(new DuckDBParameter(test.Name));
                store.ExecuteNonQuery();
            }
        }

        tx.Commit();
        return outcomes;
    }

    private void EnsureOpsTables()
    {
        Execute("create schema if not exists ops");
        Execute("""
            create table if not exists ops.test_results (
              run_id bigint not null, ran_at timestamp not null, model varchar not null, test_name varchar not null,
              severity varchar not null, status varchar not null, failing_rows bigint not null, description varchar, query varchar)
            """);
        Execute("""
            create table if not exists ops.test_failures (
              run_id bigint not null, model varchar not null, test_name varchar not null, row_json varchar)
            """);
    }

    private void Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private long Scalar(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
