-- The unit as a whole (role_code 'ALL'): a consensus rating from any role if there is one
-- (the latest), else the lower median over every rater of every role.
with ratings as (
  select * from {{ ref('stg_core__ratings') }}
),

grouped as (
  select
    framework_id,
    network_id,
    unit_id,
    dimension_code,
    wave_id,
    cast(count(distinct role_code || ':' || rater_key) as integer) as n_raters,
    arg_max(progress_rank, rating_id) filter (where is_consensus) as consensus_rank,
    list_sort(list(progress_rank) filter (where not is_consensus)) as ranks
  from ratings
  group by all
),

final as (
  select
    framework_id,
    network_id,
    unit_id,
    'ALL' as role_code,
    dimension_code,
    wave_id,
    n_raters,
    cast(coalesce(consensus_rank, ranks[((len(ranks) - 1) // 2) + 1]) as integer) as stage,
    case when consensus_rank is not null then 'consensus' else 'lower_median' end as stage_rule
  from grouped
)

select * from final
