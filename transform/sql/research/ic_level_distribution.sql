-- IC-map level distributions per role, outcome and wave (see marts.ic_level_distribution).
with source as (
  select * from {{ ref('ic_level_distribution') }}
),

final as (
  select
    framework_id,
    network_id,
    role_code,
    dimension_code,
    wave_id,
    level_value,
    level_label,
    progress_rank,
    n_units,
    n_units_total,
    share
  from source
)

select * from final
