using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DuckDB.NET.Data;
using ResearchPipeline.Transform.Statistics;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Transform.Runner;

/// <summary>
/// Builds the models in dependency order, put in place in one transaction (a reader never sees half a build), then runs
/// their data tests and stores the results, with up to 100 failing rows per test, in ops.
/// Incremental models are rebuilt only for the framework × unit × wave combinations that batches landed since the
/// last build touched; anything that could make that wrong (first build, changed models, changed reference data,
/// a missing table) turns the build into a full one, and says why.
/// </summary>
public sealed class ModelRunner(DuckDBConnection connection, TimeProvider clock)
{
    private const int StoredFailingRows = 100;
    private readonly Dictionary<string, IReadOnlySet<string>> _columns = new(StringComparer.Ordinal);
    private Dictionary<string, string> _kinds = new(StringComparer.Ordinal);
    private IReadOnlySet<string>? _referenceOnly;

    public IReadOnlyList<SqlModel> Models { get; } = ModelCatalog.Load();

    /// <summary>The models whose rows come from reference data alone (<see cref="ReferenceData.OnlyModels"/>).</summary>
    private IReadOnlySet<string> ReferenceOnly => _referenceOnly ??= ReferenceData.OnlyModels(Models);

    public BuildResult Build(bool full = false, Action<SqlModel>? progress = null) => WithinMemoryLimit(() => BuildAll(full, progress));

    private BuildResult BuildAll(bool full, Action<SqlModel>? progress)
    {
        var begun = Stopwatch.GetTimestamp();
        EnsureOpsTables();
        ReadCatalog();
        var state = ReadState();
        var modelsHash = ModelsFingerprint();
        var referenceHash = Text(ReferenceData.FingerprintSql());
        var newestBatch = Scalar("select coalesce(max(batch_id), 0) from ops.ingest_batches");
        var hasState = state.TryGetValue("last_batch_id", out var last);
        var reason = full ? "--full was asked for"
            : !hasState ? "first build of this warehouse"
            : state.GetValueOrDefault("models_hash") != modelsHash ? "the SQL models changed since the last build"
            : state.GetValueOrDefault("reference_hash") != referenceHash ? "reference data changed (frameworks, units, members or waves)"
            : Models.FirstOrDefault(m => m.Materialized == "incremental" && !Exists(m)) is { } missing ? $"{missing.Relation} is missing"
            : null;
        var isFull = reason is not null;
        var lastBatch = isFull || last is null ? 0 : long.Parse(last, CultureInfo.InvariantCulture);

        var buildId = (long.TryParse(state.GetValueOrDefault("build_id"), CultureInfo.InvariantCulture, out var previous) ? previous : 0) + 1;
        (string, string)[] newState = [("last_batch_id", newestBatch.ToString(CultureInfo.InvariantCulture)), ("models_hash", modelsHash),
            ("reference_hash", referenceHash), ("build_id", buildId.ToString(CultureInfo.InvariantCulture))];
        if (isFull)
        {
            var (fullTimings, fullSetup) = BuildFull(newState, progress, begun);
            return new BuildResult(true, reason!, 0, newestBatch, Models.Count) { Timings = fullTimings, Setup = fullSetup };
        }

        using var tx = connection.BeginTransaction();
        Execute("drop table if exists temp.changed_scope");
        Execute($"create temp table changed_scope as {EmbeddedSql.Read("changed_scope.sql").Replace("$1", lastBatch.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)}");
        var scopeRows = Scalar("select count(*) from temp.changed_scope");
        CreateSchemas();
        var setup = Stopwatch.GetElapsedTime(begun);
        var timings = EachModel(progress, model => BuildOne(model, scopeRows));
        Execute("drop table temp.changed_scope");
        WriteState(newState);
        tx.Commit();
        return new BuildResult(false, $"incremental: batches after {lastBatch}", scopeRows, newestBatch, Models.Count) { Timings = timings, Setup = setup };
    }

    /// <summary>Builds each model in dependency order, timed, a failure named by the model.</summary>
    private List<ModelTiming> EachModel(Action<SqlModel>? progress, Action<SqlModel> build)
    {
        var timings = new List<ModelTiming>(Models.Count);
        foreach (var model in Models)
        {
            progress?.Invoke(model);
            var started = Stopwatch.GetTimestamp();
            try
            {
                build(model);
            }
            catch (DuckDBException ex)
            {
                throw new ModelBuildException(model.Relation, ex);
            }

            timings.Add(new ModelTiming(model.Relation, Stopwatch.GetElapsedTime(started)));
        }

        return timings;
    }

    /// <summary>
    /// A full build: every model is built under its building name (<see cref="Building"/>), each in its own transaction,
    /// and then all of them are put in place, with the build's state, in one transaction; readers see the old build or
    /// the new one, never half of one. A model that fails leaves the old build as it was and no building name behind.
    /// (Building everything inside one transaction had kept every new table in memory until the end, and read them back
    /// slowly: 8 GB for the build at 10× the scale data.)
    /// </summary>
    private (List<ModelTiming> Timings, TimeSpan Setup) BuildFull((string, string)[] newState, Action<SqlModel>? progress, long begun)
    {
        DropBuilding(); // left by a build that was killed
        CreateSchemas();
        var setup = Stopwatch.GetElapsedTime(begun);
        try
        {
            var timings = EachModel(progress, BuildUnderBuildingName);
            using var tx = connection.BeginTransaction();
            foreach (var model in Models)
            {
                Drop(model);
            }

            foreach (var model in Models)
            {
                if (model.Materialized == "view")
                {
                    Execute($"drop view {Building(model.Relation)}");
                    Execute($"create view {model.Relation} as {model.Sql}");
                }
                else
                {
                    Execute($"alter table {Building(model.Relation)} rename to {model.Name}");
                }
            }

            WriteState(newState);
            tx.Commit();
            return (timings, setup);
        }
        catch
        {
            DropBuilding();
            throw;
        }
    }

    /// <summary>What a model's name ends with while a full build writes it, until the build puts every model in place at once.</summary>
    private const string BuildingSuffix = "__building";

    private static string Building(string relation) => relation + BuildingSuffix;

    private void BuildUnderBuildingName(SqlModel model) =>
        Create(model, Building(model.Relation), WithRefs(model.SqlWithRefs, model.DependsOn, Building));

    /// <summary>The models' schemas (their layers), once per build.</summary>
    private void CreateSchemas()
    {
        foreach (var layer in Models.Select(m => m.Layer).Distinct())
        {
            Execute($"create schema if not exists {layer}");
        }
    }

    private void DropBuilding()
    {
        ReadCatalog();
        foreach (var model in Models)
        {
            if (_kinds.Remove(Building(model.Relation), out var kind))
            {
                Execute($"drop {kind} {Building(model.Relation)}");
            }
        }
    }

    /// <summary>Creates <paramref name="relation"/> from <paramref name="sql"/> as the model declares: a view, a table, or the table its computation makes of the rows.</summary>
    private void Create(SqlModel model, string relation, string sql)
    {
        if (model.Compute is { } compute)
        {
            Frames.Write(connection, relation, Statistics.ComputedModels.Run(compute, Frames.Read(connection, sql)));
            _kinds[relation] = "table";
            return;
        }

        var kind = model.Materialized == "view" ? "view" : "table";
        Execute($"create {kind} {relation} as {sql}");
        _kinds[relation] = kind;
    }

    /// <summary><paramref name="sql"/> with each <c>{{ ref('…') }}</c> replaced by what <paramref name="read"/> makes of the relation it names.</summary>
    private static string WithRefs(string sql, IReadOnlyList<string> dependsOn, Func<string, string> read) =>
        ModelCatalog.RefPattern().Replace(sql, m => read(dependsOn.Single(d => d.EndsWith("." + m.Groups[1].Value, StringComparison.Ordinal))));

    /// <summary>One model in an incremental build (inside the build's transaction): only what the changed scope touches.</summary>
    private void BuildOne(SqlModel model, long scopeRows)
    {
        if (model.Materialized == "incremental")
        {
            if (scopeRows > 0)
            {
                Refresh(model);
            }

            return;
        }

        if (model.Compute is { } compute && model.Incremental is not null && Exists(model))
        {
            if (scopeRows > 0)
            {
                RefreshComputed(model, compute);
            }

            return;
        }

        // An incremental build runs only when no model changed since the last build: a view there is already the view.
        if (model.Materialized == "view" && KindOf(model) == "view")
        {
            return;
        }

        // Made of reference data alone, which is what it was at the last build (else this build would be a full one).
        if (ReferenceOnly.Contains(model.Relation) && Exists(model))
        {
            return;
        }

        // A model can change kind between versions: drop whatever holds the name first. A computed model here is not
        // incremental: computed from all the rows its SQL selects.
        Drop(model);
        Create(model, model.Relation, model.Sql);
    }

    public IReadOnlyList<TestOutcome> Test() => WithinMemoryLimit(TestAll);

    /// <summary>Memory bounded by the cap, not by the data (DuckDB spills what does not fit beside the warehouse), and no FSST (<see cref="Db.LargeWrite"/>).</summary>
    private T WithinMemoryLimit<T>(Func<T> work)
    {
        using (Db.LargeWrite(connection, Db.BuildMemoryLimit))
        {
            return work();
        }
    }

    private IReadOnlyList<TestOutcome> TestAll()
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

        // The build these tests vouch for: publish requires it to be the current one (a crash between a build and its
        // tests must not let the new build through on the old build's results).
        if (ReadState().GetValueOrDefault("build_id") is { } tested)
        {
            WriteState([("tested_build_id", tested)]);
        }

        tx.Commit();
        return outcomes;
    }

    /// <summary>Deletes the rows of the changed scope and inserts them again from the model's query (or runs the model's own refresh).</summary>
    private void Refresh(SqlModel model)
    {
        if (model.RefreshSqlWithRefs is { } refresh)
        {
            Execute(Narrowed(model, refresh));
            return;
        }

        var (scope, match) = ScopeOf(model.Incremental!);
        Execute($"delete from {model.Relation} t using {scope} s where {match}");
        Execute($"insert into {model.Relation} select t.* from ({Narrowed(model)}) t where exists (select 1 from {scope} s where {match})");
    }

    /// <summary>The changed scope's distinct values of the model's scope columns (as s), and how a row t of the model matches them.</summary>
    private static (string Scope, string Match) ScopeOf(IncrementalSpec spec) =>
        ($"(select distinct {string.Join(", ", spec.Scope)} from {spec.ScopeTable})",
         string.Join(" and ", spec.Key.Select((k, i) => $"t.{k} = s.{spec.Scope[i]}")));

    /// <summary>
    /// An incremental computed model: its computation runs on the rows its SQL selects for the changed scope only, and
    /// its rows in that scope are replaced by the result (every group's result depends only on the group's rows).
    /// </summary>
    private void RefreshComputed(SqlModel model, string compute)
    {
        var (scope, match) = ScopeOf(model.Incremental!);
        var result = Statistics.ComputedModels.Run(compute, Frames.Read(connection, $"select t.* from ({Narrowed(model)}) t where exists (select 1 from {scope} s where {match})"));
        Execute($"delete from {model.Relation} t using {scope} s where {match}");
        Frames.Append(connection, model.Relation, result);
    }

    /// <summary>
    /// The model's query reading, from each model it refers to that has all of its narrow columns, only the rows whose
    /// values of those columns are in the changed scope (the model declares that is all its rows in scope depend on).
    /// </summary>
    private string Narrowed(SqlModel model, string? text = null)
    {
        var narrow = model.Incremental!.Narrow;
        if (narrow.Count == 0 && text is null)
        {
            return model.Sql;
        }

        return NarrowedRefs(text ?? model.SqlWithRefs, model.DependsOn, narrow, model.Incremental.ScopeTable);
    }

    /// <summary>
    /// <paramref name="sql"/> with each model it refers to read narrowed to the changed scope: a table that has the narrow
    /// columns through a semi join with the scope; a view scoped by them (<see cref="SqlModel.ScopedBy"/>) as its own
    /// query, its sources narrowed in turn.
    /// </summary>
    private string NarrowedRefs(string sql, IReadOnlyList<string> dependsOn, IReadOnlyList<string> narrow, string scopeTable) =>
        WithRefs(sql, dependsOn, relation =>
        {
            if (narrow.Count == 0)
            {
                return relation;
            }

            if (Models.First(x => x.Relation == relation) is { Materialized: "view" } view && view.ScopedBy.Count > 0 && narrow.All(view.ScopedBy.Contains))
            {
                return $"({NarrowedRefs(view.SqlWithRefs, view.DependsOn, narrow, scopeTable)})";
            }

            var columns = string.Join(", ", narrow);
            return narrow.All(ColumnsOf(relation).Contains)
                ? $"(select n.* from {relation} n semi join (select distinct {columns} from {scopeTable}) s using ({columns}))"
                : relation;
        });

    /// <summary>
    /// A relation's columns, read from the catalog once per build (many models read the same few
    /// relations narrowed). A model's columns change only with its SQL, and a changed model makes the build full.
    /// </summary>
    private IReadOnlySet<string> ColumnsOf(string relation)
    {
        if (!_columns.TryGetValue(relation, out var columns))
        {
            var parts = relation.Split('.');
            _columns[relation] = columns = Db.Strings(connection, "select column_name from duckdb_columns() where schema_name = $1 and table_name = $2", parts[0], parts[1])
                .ToHashSet(StringComparer.Ordinal);
        }

        return columns;
    }

    private void Drop(SqlModel model)
    {
        if (_kinds.Remove(model.Relation, out var kind))
        {
            Execute($"drop {kind} {model.Relation}");
        }
    }

    private bool Exists(SqlModel model) => KindOf(model) == "table";

    /// <summary>What holds the model's name in the warehouse now: "table", "view", or null.</summary>
    private string? KindOf(SqlModel model) => _kinds.GetValueOrDefault(model.Relation);

    /// <summary>
    /// The catalog as the build starts: what holds each name ("table" or "view"), kept as the build drops and creates
    /// relations, and no relation's columns yet (<see cref="ColumnsOf"/> reads them at first use). One query instead of
    /// one per model (an incremental build asked some fifty times).
    /// </summary>
    private void ReadCatalog()
    {
        _kinds = Db.RelationKinds(connection);
        _columns.Clear();
    }

    private string ModelsFingerprint()
    {
        var text = string.Join("\n--\n", Models.Select(m => $"{m.Relation}|{m.Materialized}|{string.Join(',', m.Incremental?.Key ?? [])}|{string.Join(',', m.Incremental?.Narrow ?? [])}|{m.Incremental?.OwnWaveOnly}|{string.Join(',', m.ScopedBy)}|{m.Sql}|{m.RefreshSqlWithRefs}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private Dictionary<string, string> ReadState()
    {
        var state = new Dictionary<string, string>(StringComparer.Ordinal);
        using var command = connection.CreateCommand();
        command.CommandText = "select key, value from ops.transform_state";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            state[reader.GetString(0)] = reader.GetString(1);
        }

        return state;
    }

    private void WriteState(IEnumerable<(string Key, string Value)> values)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (key, value) in values)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "insert or replace into ops.transform_state values ($1, $2, $3)";
            command.Parameters.Add(new DuckDBParameter(key));
            command.Parameters.Add(new DuckDBParameter(value));
            command.Parameters.Add(new DuckDBParameter(now));
            command.ExecuteNonQuery();
        }
    }

    // The ops tables the runner writes are part of the warehouse contract (ResearchPipeline.Warehouse).
    private void EnsureOpsTables() => WarehouseSchema.Ensure(connection);

    private void Execute(string sql) => Db.Execute(connection, sql);

    private long Scalar(string sql) => Db.Count(connection, sql);

    private string Text(string sql) => Convert.ToString(Db.Scalar(connection, sql), CultureInfo.InvariantCulture) ?? "";
}
