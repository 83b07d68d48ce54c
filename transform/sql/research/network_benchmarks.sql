-- Network percentiles and stage counts (see marts.network_benchmarks).
with source as (
  select * from {{ ref('network_benchmarks') }}
),

waves as (
  select f.framework_id as w_framework_id, w.wave_id as w_wave_id, w.wave_seq
  from {{ source('core', 'waves') }} w join {{ source('core', 'frameworks') }} f on f.network_id = w.network_id
),

final as (
  select
    framework_id,
    dimension_code,
    wave_id,
    w.wave_seq,
    n_units,
    p25,
    median,
    p75,
    n_stage_1,
    n_stage_2,
    n_stage_3,
    n_stage_4,
    n_stage_5,
    median_level,
    n_level_1,
    n_level_2,
    n_level_3,
    n_level_4,
    n_level_5
  from source
  left join waves w on w.w_framework_id = source.framework_id and w.w_wave_id = source.wave_id
)

-- dimension_code stays text; dimension_number beside it sorts and joins as a number.
select final.*, dn.dimension_number
from final
left join (
  select framework_id as dn_framework_id, dimension_code as dn_dimension_code, number as dimension_number
  from {{ source('core', 'dimensions') }}
) dn on dn.dn_framework_id = final.framework_id and dn.dn_dimension_code = final.dimension_code
