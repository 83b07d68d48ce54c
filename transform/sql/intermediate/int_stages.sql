-- One stage per unit × role × dimension × wave, and per unit × dimension × wave over all roles (role_code 'ALL').
-- Stage rule: the consensus rating if there is one, else the lower median of the raters' progress ranks (for 4 raters
-- at 1, 2, 3, 4 the stage is 2). A role has at most one consensus rating per dimension and wave (a later one replaces
-- it); ALL, over the roles, takes the lower median of the roles' consensus ratings when there are several (each TXNSI
-- role team enters its own). Nothing depends on the order of rows or files.
with ratings as (
  select * from {{ ref('stg_core__ratings') }}
),

grouped as (
  -- Per role, and for the unit as a whole. n_raters counts people (rater keys) who rated individually: a team's
  -- consensus entry is not a rater, and a person who rated in two roles counts once in ALL.
  select
    framework_id,
    network_id,
    unit_id,
    case when grouping(role_code) = 1 then 'ALL' else role_code end as role_code,
    dimension_code,
    wave_id,
    count(distinct rater_key) filter (where not is_consensus) as n_raters,
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
    framework_id,
    network_id,
    unit_id,
    role_code,
    dimension_code,
    wave_id,
    cast(n_raters as integer) as n_raters,
    has_consensus,
    cast(coalesce(consensus_ranks[((len(consensus_ranks) - 1) // 2) + 1], ranks[((len(ranks) - 1) // 2) + 1]) as integer) as stage,
    case when len(consensus_ranks) > 0 then 'consensus' else 'lower_median' end as stage_rule
  from grouped
)

select * from final
