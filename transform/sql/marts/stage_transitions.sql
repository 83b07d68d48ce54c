-- How many units moved from each stage to each stage between two consecutive waves they were rated in,
-- per dimension, over the units' ALL stages. from_wave is the unit's previous rated wave, so a unit that
-- skipped a wave is counted in a transition that spans the gap (for example 2019 -> 2021).
with history as (
  select * from {{ ref('stage_history') }} where role_code = 'ALL' and prev_stage is not null
),

final as (
  select
    framework_id,
    network_id,
    dimension_code,
    prev_wave_id as from_wave,
    wave_id as to_wave,
    prev_stage as from_stage,
    stage as to_stage,
    stage - prev_stage as stage_change,
    cast(count(*) as integer) as n_units
  from history
  group by framework_id, network_id, dimension_code, prev_wave_id, wave_id, prev_stage, stage
)

select * from final
