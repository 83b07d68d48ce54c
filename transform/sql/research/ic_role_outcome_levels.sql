-- IC-map levels per unit, role, outcome and wave (see marts.ic_role_outcome_levels).
with source as (
  select * from {{ ref('ic_role_outcome_levels') }}
),

final as (
  select
    framework_id,
    network_id,
    unit_id,
    role_code,
    dimension_code,
    wave_id,
    level_value,
    level_label,
    progress_rank,
    n_raters,
    stage_rule,
    prev_wave_id,
    prev_level_value,
    levels_moved
  from source
)

select * from final
