-- Member organisations (universities, districts).
with source as (
  select * from {{ source('core', 'organizations') }}
),

final as (
  select
    org_id,
    name,
    kind
  from source
)

select * from final
