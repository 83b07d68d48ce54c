-- Rubric descriptor text per dimension, role (IC maps) and level.
with source as (
  select * from {{ source('core', 'descriptors') }}
),

final as (
  select
    framework_id,
    dimension_code,
    role_code,
    level_value,
    text
  from source
)

-- dimension_code stays text; dimension_number beside it sorts and joins as a number.
select final.*, dn.dimension_number
from final
left join (
  select framework_id as dn_framework_id, dimension_code as dn_dimension_code, number as dimension_number
  from {{ source('core', 'dimensions') }}
) dn on dn.dn_framework_id = final.framework_id and dn.dn_dimension_code = final.dimension_code
