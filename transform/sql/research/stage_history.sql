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

-- dimension_code stays text; dimension_number beside it sorts and joins as a number.
select final.*, dn.dimension_number
from final
left join (
  select framework_id as dn_framework_id, dimension_code as dn_dimension_code, number as dimension_number
  from {{ source('core', 'dimensions') }}
) dn on dn.dn_framework_id = final.framework_id and dn.dn_dimension_code = final.dimension_code
