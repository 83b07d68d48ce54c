-- How many coders gave each value to each item (int_coder_values: each person once, consensus left out), for the
-- agreement statistics.
with coder_values as (
  select * from {{ ref('int_coder_values') }}
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
  from coder_values
  group by framework_id, network_id, unit_id, wave_id, dimension_code, progress_rank
)

select * from final
