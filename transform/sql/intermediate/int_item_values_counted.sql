-- How many raters gave each value to each item, for the agreement statistics.
-- An item is one dimension of one unit in one wave; a coder is a person (a rater key), whatever roles they rated in;
-- values are progress ranks. A coder gives an item one value: a person who rated it in two roles counts once, with
-- the lower median of their ratings (never as two coders agreeing with themself). Consensus ratings are a team's joint
-- answer, not an independent rater, so they are left out.
with ratings as (
  select
    framework_id,
    network_id,
    unit_id,
    wave_id,
    dimension_code,
    rater_key,
    list_sort(list(progress_rank))[((count(*) - 1) // 2) + 1] as progress_rank
  from {{ ref('stg_core__ratings') }}
  where not is_consensus
  group by framework_id, network_id, unit_id, wave_id, dimension_code, rater_key
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
