namespace ResearchPipeline.Reports.Paper;

/// <summary>
/// The numbers a paper pack can hold, each with the SQL that produces it from the published snapshot ($1 is the
/// framework id). Partnerships appear only as P01, P02 … numbered in the order of a keyed hash of their id ($2, the
/// paper's salt: derived from the warehouse's pseudonym key and the paper's name, never written into the pack), so
/// that neither names, alphabetical order nor a hash of the public ids reveals who is who, and a rebuild of the same
/// paper numbers them the same; the SQL is written into the manifest so that the pack can be rebuilt.
/// </summary>
public static class PaperItems
{
    public const string Pseudonyms = """
        with pseudonyms as (
          select unit_id, 'P' || lpad(cast(row_number() over (order by sha256($2 || unit_id)) as varchar), 2, '0') as partnership
          from (select distinct unit_id from marts.stage_history where framework_id = $1)
        )
        """;

    public static readonly IReadOnlyDictionary<string, (string Title, string Sql)> All = new Dictionary<string, (string, string)>
    {
        ["stage_distribution"] = ("Partnership × objective stages by wave", """
            select wave_id as wave, stage, count(*) as n
            from marts.stage_history where framework_id = $1 and role_code = 'ALL'
            group by wave_id, wave_seq, stage order by wave_seq, stage
            """),
        ["transitions"] = ("Stage transitions between consecutive rated waves", """
            select from_wave, to_wave, from_stage, to_stage, cast(sum(n_units) as integer) as n
            from research.stage_transitions where framework_id = $1
            group by from_wave, from_wave_seq, to_wave, to_wave_seq, from_stage, to_stage order by from_wave_seq, to_wave_seq, from_stage, to_stage
            """),
        ["trajectories"] = ("Mean stage over the objectives, per partnership and wave", Pseudonyms + """
            select p.partnership, h.wave_id as wave, round(avg(h.stage), 3) as mean_stage, count(*) as objectives
            from marts.stage_history h join pseudonyms p on p.unit_id = h.unit_id
            where h.framework_id = $1 and h.role_code = 'ALL'
            group by p.partnership, h.wave_id, h.wave_seq order by p.partnership, h.wave_seq
            """),
        ["benchmarks"] = ("Network percentiles per objective and wave", """
            select d.number as objective, b.wave_id as wave, b.n_units as partnerships, b.p25, b.median, b.p75
            from research.network_benchmarks b join research.dimensions d on d.framework_id = b.framework_id and d.dimension_code = b.dimension_code
            where b.framework_id = $1 order by d.number, b.wave_seq
            """),
        ["agreement"] = ("Rater agreement (Krippendorff's alpha, ordinal) per partnership and wave", Pseudonyms + """
            select p.partnership, a.wave_id as wave, a.n_raters as raters, a.n_items as objectives, round(a.alpha_ordinal, 3) as alpha_ordinal
            from research.rater_agreement a join pseudonyms p on p.unit_id = a.unit_id
            where a.framework_id = $1 order by p.partnership, a.wave_seq
            """),
    };

    /// <summary>
    /// How tables name their columns for readers (Markdown, LaTeX, HTML; CSV keeps the column names), and which columns are
    /// numbers (right-aligned on the decimal point in LaTeX).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (string Header, bool Numeric)> Columns = new Dictionary<string, (string, bool)>
    {
        ["wave"] = ("Wave", false), ["from_wave"] = ("From wave", false), ["to_wave"] = ("To wave", false),
        ["stage"] = ("Stage", true), ["from_stage"] = ("From stage", true), ["to_stage"] = ("To stage", true),
        ["n"] = ("n", true), ["partnership"] = ("Partnership", false), ["mean_stage"] = ("Mean stage", true),
        ["objectives"] = ("Objectives rated", true), ["objective"] = ("Objective", false), ["partnerships"] = ("Partnerships", true),
        ["p25"] = ("25th percentile", true), ["median"] = ("Median", true), ["p75"] = ("75th percentile", true),
        ["raters"] = ("Raters", true), ["alpha_ordinal"] = ("Alpha (ordinal)", true),
    };

    /// <summary>A column's header for readers; a column the list does not know keeps its name, spaced.</summary>
    public static string Header(string column) => Columns.TryGetValue(column, out var c) ? c.Header : column.Replace('_', ' ');

    /// <summary>Items that also make a figure.</summary>
    public static readonly string[] Figures = ["stage_distribution", "transitions", "trajectories", "agreement"];
}
