-- Member organisations (universities, districts).
with source as (
  select * from core.organizations
),

final as (
  select
    org_id,
    name,
    kind
  from source
)

select * from final
