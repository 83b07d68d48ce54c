-- Stage transitions between consecutive rated waves (see marts.stage_transitions).
with source as (
  select * from {{ ref('stage_transitions') }}
),

waves as (
  select network_id as w_network_id, wave_id as w_wave_id, wave_seq from {{ source('core', 'waves') }}
),

final as (
  select
    framework_id,
    network_id,
    dimension_code,
    from_wave,
    fw.wave_seq as from_wave_seq,
    to_wave,
    tw.wave_seq as to_wave_seq,
    from_stage,
    to_stage,
    stage_change,
    n_units
  from source
  left join waves fw on fw.w_network_id = source.network_id and fw.w_wave_id = source.from_wave
  left join waves tw on tw.w_network_id = source.network_id and tw.w_wave_id = source.to_wave
)

-- dimension_code stays text; dimension_number beside it sorts and joins as a number.
select final.*, dn.dimension_number, l1.label as from_stage_label, l2.label as to_stage_label
from final
left join (
  select framework_id as dn_framework_id, dimension_code as dn_dimension_code, number as dimension_number
  from {{ source('core', 'dimensions') }}
) dn on dn.dn_framework_id = final.framework_id and dn.dn_dimension_code = final.dimension_code
-- Each stage with its name beside it: the order and the label of an ordered category.
left join {{ source('core', 'levels') }} l1 on l1.framework_id = final.framework_id and l1.progress_rank = final.from_stage
left join {{ source('core', 'levels') }} l2 on l2.framework_id = final.framework_id and l2.progress_rank = final.to_stage
