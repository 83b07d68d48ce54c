-- One stage per unit × role × dimension × wave, and per unit × dimension × wave over all roles (role_code 'ALL').
-- Stage rule: the consensus rating if there is one, else the lower median of the raters' progress ranks (for 4 raters
-- at 1, 2, 3, 4 the stage is 2). A role has at most one consensus rating per dimension and wave (a later one replaces
-- it); ALL, over the roles, takes the lower median of the roles' consensus ratings when there are several (each TXNSI
-- role team enters its own). Nothing depends on the order of rows or files.
with ratings as not materialized (
  select * from {{ ref('stg_core__ratings') }}
),

several_roles as (
  select * from {{ ref('int_raters_in_several_roles') }}
),

counted_twice as (
  -- Per item, how many of its individual ratings are a second (or later) rating by the same person in another role.
  select framework_id, unit_id, wave_id, dimension_code, count(*) - count(distinct rater_key) as surplus
  from ratings
  semi join several_roles using (framework_id, unit_id, wave_id, rater_key)
  where not is_consensus
  group by framework_id, unit_id, wave_id, dimension_code
),

grouped as (
  -- Per role, and for the unit as a whole. n_raters counts people (rater keys) who rated individually: a team's
  -- consensus entry is not a rater, and a person who rated in two roles counts once in ALL. Within a role a person
  -- rates an item once (the unique_combination test of stg_core__ratings), so counting ratings counts people; over the
  -- roles the second ratings are taken off (counted_twice): a distinct count per group took most of this model's time.
  select
    framework_id,
    network_id,
    unit_id,
    grouping(role_code) = 1 as over_roles,
    case when grouping(role_code) = 1 then 'ALL' else role_code end as role_code,
    dimension_code,
    wave_id,
    count(*) filter (where not is_consensus) as n_ratings,
    bool_or(is_consensus) as has_consensus,
    list_sort(list(progress_rank) filter (where is_consensus)) as consensus_ranks,
    list_sort(list(progress_rank) filter (where not is_consensus)) as ranks
  from ratings
  group by grouping sets (
    (framework_id, network_id, unit_id, role_code, dimension_code, wave_id),
    (framework_id, network_id, unit_id, dimension_code, wave_id)
  )
),

final as (
  select
    g.framework_id,
    g.network_id,
    g.unit_id,
    g.role_code,
    g.dimension_code,
    g.wave_id,
    cast(g.n_ratings - coalesce(t.surplus, 0) as integer) as n_raters,
    g.has_consensus,
    cast(coalesce(g.consensus_ranks[((len(g.consensus_ranks) - 1) // 2) + 1], g.ranks[((len(g.ranks) - 1) // 2) + 1]) as integer) as stage,
    case when len(g.consensus_ranks) > 0 then 'consensus' else 'lower_median' end as stage_rule
  from grouped g
  left join counted_twice t
    on g.over_roles
   and t.framework_id = g.framework_id
   and t.unit_id = g.unit_id
   and t.wave_id = g.wave_id
   and t.dimension_code = g.dimension_code
)

select * from final
