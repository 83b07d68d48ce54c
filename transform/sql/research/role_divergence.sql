-- See marts.role_divergence; with the wave's position in its network.
with source as (
  select * from {{ ref('role_divergence') }}
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
select final.*, dn.dimension_number
from final
left join (
  select framework_id as dn_framework_id, dimension_code as dn_dimension_code, number as dimension_number
  from {{ source('core', 'dimensions') }}
) dn on dn.dn_framework_id = final.framework_id and dn.dn_dimension_code = final.dimension_code
