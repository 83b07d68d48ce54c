-- See marts.role_gaps; with the wave's position in its network.
with source as (
  select * from {{ ref('role_gaps') }}
),

waves as (
  select network_id as w_network_id, wave_id as w_wave_id, wave_seq from {{ source('core', 'waves') }}
),

final as (
  select source.*, w.wave_seq
  from source
  left join waves w on w.w_network_id = source.network_id and w.w_wave_id = source.wave_id
)

-- dimension_code stays text; dimension_number beside it sorts and joins as a number.
select final.*, dn.dimension_number, l1.label as ihe_stage_label, l2.label as lea_stage_label
from final
left join (
  select framework_id as dn_framework_id, dimension_code as dn_dimension_code, number as dimension_number
  from {{ source('core', 'dimensions') }}
) dn on dn.dn_framework_id = final.framework_id and dn.dn_dimension_code = final.dimension_code
-- Each stage with its name beside it: the order and the label of an ordered category.
left join {{ source('core', 'levels') }} l1 on l1.framework_id = final.framework_id and l1.progress_rank = final.ihe_stage
left join {{ source('core', 'levels') }} l2 on l2.framework_id = final.framework_id and l2.progress_rank = final.lea_stage
