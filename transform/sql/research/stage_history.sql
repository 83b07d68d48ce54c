-- The longitudinal stage table (see marts.stage_history).
with source as (
  select * from {{ ref('stage_history') }}
),

final as (
  select
    framework_id,
    network_id,
    unit_id,
    role_code,
    dimension_code,
    wave_id,
    wave_seq,
    stage,
    level_value,
    stage_label,
    stage_rule,
    n_raters,
    has_consensus,
    prev_wave_id,
    prev_stage,
    stage_change
  from source
)

select * from final
