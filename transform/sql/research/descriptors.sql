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

select * from final
