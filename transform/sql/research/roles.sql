-- Rater roles per framework.
with source as (
  select * from {{ source('core', 'roles') }}
),

final as (
  select
    framework_id,
    role_code,
    name,
    description
  from source
)

select * from final
