-- Network percentiles and stage counts (see marts.network_benchmarks).
with source as (
  select * from {{ ref('network_benchmarks') }}
),

final as (
  select
    framework_id,
    dimension_code,
    wave_id,
    n_units,
    p25,
    median,
    p75,
    n_stage_1,
    n_stage_2,
    n_stage_3,
    n_stage_4,
    n_stage_5
  from source
)

select * from final
