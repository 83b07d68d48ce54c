using DuckDB.NET.Data;
using ResearchPipeline.Ingest;
using ResearchPipeline.Ingest.Landing;
using ResearchPipeline.Transform.Runner;
using ResearchPipeline.Warehouse;

namespace ResearchPipeline.Jobs.Tests;

/// <summary>
/// Every data test of the model catalogue can fail: on a warehouse built from the samples (where every test passes),
/// each test's fixture below breaks exactly what the test guards, in a transaction that is rolled back, and the test
/// must then find failing rows. A test added to the catalogue without a fixture here fails
/// <see cref="Catalogue_EveryDataTestHasAFixtureAndEveryFixtureATest"/>. A fixture changes the model's rows ({0}; a view's
/// rows are made a table first) or, closer to life, its sources.
/// </summary>
public sealed class DataTestFixtureTests(DataTestFixtureTests.Built built) : IClassFixture<DataTestFixtureTests.Built>
{
    private const string One = "rowid = (select min(rowid) from {0})";

    /// <summary>Model/test → SQL that breaks what the test guards. {0} is the model's relation.</summary>
    private static readonly Dictionary<string, string> Fixtures = new(StringComparer.Ordinal)
    {
        ["int_stages/not_null(stage)"] = $"update {{0}} set stage = null where {One}",
        ["int_stages/accepted_values(stage_rule)"] = $"update {{0}} set stage_rule = 'mean' where {One}",
        ["int_stages/unique_combination(framework_id, unit_id, role_code, dimension_code, wave_id)"] = Duplicate,
        ["int_coder_values/unique_combination(framework_id, unit_id, wave_id, dimension_code, rater_key)"] =
            "insert into core.ratings select * replace (rating_id + 900000000000 as rating_id) from core.ratings where rowid = (select min(rowid) from core.ratings where not is_consensus)",
        ["int_agreement_coincidences/coincidences_symmetric"] = "delete from {0} where rowid = (select min(rowid) from {0} where c <> k)",
        ["stage_history/relationships(unit_id)"] = $"update {{0}} set unit_id = 'no-such-unit' where {One}",
        ["stage_history/not_null(role_code)"] = $"update {{0}} set role_code = null where {One}",
        ["stage_history/not_null(stage)"] = $"update {{0}} set stage = null where {One}",
        ["stage_history/accepted_values(stage_rule)"] = $"update {{0}} set stage_rule = 'mean' where {One}",
        ["stage_history/unique_combination(framework_id, unit_id, role_code, dimension_code, wave_id)"] = Duplicate,
        ["stage_history/stage_within_framework"] = $"update {{0}} set stage = 99 where {One}",
        ["stage_history/stage_change_consistent"] = "update {0} set stage_change = stage_change + 1 where rowid = (select min(rowid) from {0} where prev_stage is not null)",
        ["stage_history/every_unit_has_all_row"] = "delete from {0} where role_code = 'ALL' and unit_id = (select min(unit_id) from {0} where role_code <> 'ALL')",
        ["stage_transitions/not_null(n_units)"] = $"update {{0}} set n_units = null where {One}",
        ["stage_transitions/unique_combination(framework_id, dimension_code, from_wave, to_wave, from_stage, to_stage)"] = Duplicate,
        ["stage_transitions/transitions_add_up"] = $"update {{0}} set n_units = n_units + 1 where {One}",
        ["network_benchmarks/unique_combination(framework_id, dimension_code, wave_id)"] = Duplicate,
        ["network_benchmarks/percentiles_ordered"] = $"update {{0}} set p25 = median + 1 where {One}",
        ["network_benchmarks/stage_counts_add_up"] = $"update {{0}} set n_units = n_units + 1 where {One}",
        ["transition_probabilities/rows_sum_to_one"] = $"update {{0}} set probability = probability + 0.5 where {One}",
        ["transition_probabilities/interval_holds_the_estimate"] = $"update {{0}} set ci_low = probability + 0.1 where {One}",
        ["transition_probabilities/unique_combination(framework_id, dimension_code, step, from_stage, to_stage)"] = Duplicate,
        ["rater_agreement_intervals/same_alpha_as_sql"] = $"update {{0}} set alpha_ordinal = alpha_ordinal - 0.1 where {One}",
        ["rater_agreement_intervals/interval_ordered"] = $"update {{0}} set ci_low = ci_high + 0.1 where {One}",
        ["rater_agreement_intervals/unique_combination(framework_id, unit_id, wave_id)"] = Duplicate,
        ["role_gaps/unique_combination(framework_id, unit_id, dimension_code, wave_id)"] = Duplicate,
        ["role_divergence/unique_combination(framework_id, dimension_code, wave_id)"] = Duplicate,
        ["role_agreement/unique_combination(framework_id, unit_id, wave_id)"] = Duplicate,
        ["role_agreement/interval_ordered"] = $"update {{0}} set ci_low = ci_high + 0.1 where {One}",
        ["objective_agreement/unique_combination(framework_id, dimension_code, wave_id)"] = Duplicate,
        ["objective_agreement/interval_ordered"] = $"update {{0}} set ci_low = ci_high + 0.1 where {One}",
        ["within_unit_agreement/unique_combination(framework_id, unit_id, dimension_code, wave_id)"] = Duplicate,
        ["network_benchmarks/level_counts_add_up"] = $"update {{0}} set n_level_1 = n_level_1 + 1 where {One}",
        ["rater_agreement/unique_combination(framework_id, unit_id, wave_id)"] = Duplicate,
        ["rater_agreement/alpha_at_most_one"] = "update {0} set alpha_ordinal = 1.5 where rowid = (select min(rowid) from {0} where alpha_ordinal is not null)",
        ["unit_wave_members/unique_combination(unit_id, wave_id, org_id, valid_from)"] = Duplicate,
        ["ic_role_outcome_levels/unique_combination(framework_id, unit_id, role_code, dimension_code, wave_id)"] = Duplicate,
        ["ic_level_distribution/unique_combination(framework_id, role_code, dimension_code, wave_id, level_value)"] = Duplicate,
        ["ic_level_distribution/shares_add_up"] = $"update {{0}} set n_units = n_units + 1 where {One}",
        ["response_counts/not_null(network_id)"] = $"update {{0}} set network_id = null where {One}",
        ["response_counts/relationships(unit_id)"] = $"update {{0}} set unit_id = 'no-such-unit' where {One}",
        ["response_counts/unique_combination(framework_id, unit_id, wave_id, role_code)"] = Duplicate,
        ["response_counts/raters_within_ratings"] = $"update {{0}} set n_raters = n_ratings + 1 where {One}",
        ["response_counts/ratings_all_counted"] = "update {0} set n_ratings = n_ratings + 1 where rowid = (select min(rowid) from {0} where role_code <> 'ALL')",
        ["data_as_of/not_null(last_landed_at)"] = $"update {{0}} set last_landed_at = null where {One}",
        ["data_as_of/unique_combination(framework_id, unit_id)"] = Duplicate,
        ["unit_quarantine/unique_combination(unit_id, wave_id)"] = "insert into {0} values ('uva-chesterfield', '2019', 1, 1), ('uva-chesterfield', '2019', 2, 1)",
        ["stg_core__ratings/not_null(rating_id)"] = $"update {{0}} set rating_id = null where {One}",
        ["stg_core__ratings/unique(rating_id)"] = "update {0} set rating_id = (select min(rating_id) from {0}) where rating_id = (select max(rating_id) from {0})",
        ["stg_core__ratings/not_null(progress_rank)"] = $"update {{0}} set progress_rank = null where {One}",
        ["stg_core__ratings/relationships(unit_id)"] = $"update {{0}} set unit_id = 'no-such-unit' where {One}",
        ["stg_core__ratings/relationships(framework_id)"] = $"update {{0}} set framework_id = 'no-such-framework' where {One}",
        ["stg_core__ratings/unique_combination(framework_id, unit_id, role_code, rater_key, dimension_code, wave_id)"] = Duplicate,
        ["stg_core__ratings/level_within_framework"] = $"update {{0}} set level_value = 99 where {One}",
        ["stg_core__ratings/progress_rank_consistent"] = $"update {{0}} set progress_rank = progress_rank + 100 where {One}",
        ["stg_core__ratings/dimension_of_framework"] = $"update {{0}} set dimension_code = 'no-such-dimension' where {One}",
        ["stg_core__ratings/role_of_framework"] = $"update {{0}} set role_code = 'NOPE' where {One}",
        ["stg_core__ratings/wave_of_network"] = $"update {{0}} set wave_id = '1900' where {One}",
        ["stg_core__ratings/unit_of_network"] = $"update {{0}} set network_id = 'no-such-network' where {One}",
        ["stg_core__ratings/rating_inside_wave_dates"] = "update {0} set rated_at = rated_at + interval 400 days where rowid = (select min(rowid) from {0} where rated_at is not null)",
        ["stg_core__waves/unique_combination(network_id, wave_id)"] = Duplicate,
        ["stg_core__waves/wave_dates_ordered"] = $"update {{0}} set starts_on = ends_on + 1 where {One}",
        ["stg_core__waves/waves_do_not_overlap"] = "insert into core.waves select * replace (wave_id || '-again' as wave_id, wave_seq + 1000 as wave_seq, starts_on + 30 as starts_on, ends_on + 30 as ends_on) from core.waves where rowid = (select min(rowid) from core.waves)",
        ["stg_core__unit_members/membership_dates_ordered"] = $"update {{0}} set valid_to = valid_from - 1 where {One}",
    };

    private const string Duplicate = "insert into {0} select * from {0} where rowid = (select min(rowid) from {0})";

    private static readonly IReadOnlyList<(SqlModel Model, DataTest Test)> Catalogue =
        ModelCatalog.Load().SelectMany(m => m.Tests.Select(t => (m, t))).ToList();

    public static TheoryData<string> Tests() => new(Catalogue.Select(c => $"{c.Model.Name}/{c.Test.Name}"));

    [Fact]
    public void Catalogue_EveryDataTestHasAFixtureAndEveryFixtureATest()
    {
        var keys = Catalogue.Select(c => $"{c.Model.Name}/{c.Test.Name}").ToHashSet(StringComparer.Ordinal);
        Assert.Empty(keys.Except(Fixtures.Keys).Select(k => $"no fixture breaks {k}"));
        Assert.Empty(Fixtures.Keys.Except(keys).Select(k => $"fixture {k} breaks no test of the catalogue"));
    }

    [Theory]
    [MemberData(nameof(Tests))]
    public void DataTest_ItsFixtureBreaksWhatItGuards_ItFails(string key)
    {
        var (model, test) = Catalogue.Single(c => $"{c.Model.Name}/{c.Test.Name}" == key);
        var connection = built.Connection;
        Assert.Equal(0, Db.Count(connection, $"select count(*) from ({test.FailingRowsSql}) t")); // it passes on the built warehouse
        Assert.True(Db.Count(connection, $"select count(*) from {model.Relation}") > 0 || key.StartsWith("unit_quarantine/", StringComparison.Ordinal),
            $"{model.Relation} is empty: the fixture would break nothing");

        using var tx = connection.BeginTransaction();
        // A fixture written against the model ({0}) changes its rows (a view's rows made a table first); one written
        // against its sources leaves the view as it is, as the data would reach it.
        if (Fixtures[key].Contains("{0}", StringComparison.Ordinal) && Db.RelationKind(connection, model.Layer, model.Name) == "view")
        {
            Db.Execute(connection, $"create temp table fixture_rows as select * from {model.Relation}");
            Db.Execute(connection, $"drop view {model.Relation}");
            Db.Execute(connection, $"create table {model.Relation} as select * from temp.fixture_rows");
        }

        Db.Execute(connection, string.Format(System.Globalization.CultureInfo.InvariantCulture, Fixtures[key], model.Relation));
        var failing = Db.Count(connection, $"select count(*) from ({test.FailingRowsSql}) t");
        tx.Rollback();
        Assert.True(failing > 0, $"{key}: its fixture broke what it guards, and the test found no failing row");
    }

    /// <summary>A warehouse built from the iLEAD and TXNSI samples, every data test passing.</summary>
    public sealed class Built : IDisposable
    {
        private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rp-fixtures-" + Guid.NewGuid().ToString("N")[..10])).FullName;

        public Built()
        {
            Connection = WarehouseSchema.Open(Path.Combine(_folder, "pipeline.duckdb"));
            ReferenceLoader.LoadBuiltIns(Connection);
            var options = new IngestOptions(new Pseudonymizer("fixture-key-0123456789abcdef"u8.ToArray()), TimeProvider.System);
            foreach (var file in new[] { "ilead-ratings.csv", "txnsi-ic-ratings.csv" })
            {
                IngestService.IngestFile(Connection, Path.Combine(TestSupport.Repository.Samples, file), options);
            }

            var runner = new ModelRunner(Connection, TimeProvider.System);
            runner.Build(full: true);
            var failed = runner.Test().Where(o => o.Status != "pass").Select(o => $"{o.Test.Model}/{o.Test.Name}").ToList();
            Assert.Empty(failed);
        }

        public DuckDBConnection Connection { get; }

        public void Dispose()
        {
            Connection.Dispose();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
