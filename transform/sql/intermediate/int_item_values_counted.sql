-- How many raters gave each value to each item, for the agreement statistics.
-- An item is one dimension of one unit in one wave; a coder is one rater in one role; values are progress ranks.
-- Consensus ratings are a team's joint answer, not an independent rater, so they are left out.
with ratings as (
  select * from {{ ref('stg_core__ratings') }} where not is_consensus
),

final as (
  select
    framework_id,
    network_id,
    unit_id,
    wave_id,
    dimension_code,
    progress_rank as value,
    cast(count(*) as integer) as n_value,
    cast(sum(count(*)) over (partition by framework_id, unit_id, wave_id, dimension_code) as integer) as m_item
  from ratings
  group by framework_id, network_id, unit_id, wave_id, dimension_code, progress_rank
)

select * from final
