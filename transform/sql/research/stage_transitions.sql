-- Stage transitions between consecutive rated waves (see marts.stage_transitions).
with source as (
  select * from {{ ref('stage_transitions') }}
),

final as (
  select
    framework_id,
    network_id,
    dimension_code,
    from_wave,
    to_wave,
    from_stage,
    to_stage,
    stage_change,
    n_units
  from source
)

select * from final
