-- Effective-dated membership of organisations in units.
with source as (
  select * from {{ source('core', 'unit_members') }}
),

final as (
  select
    unit_id,
    org_id,
    member_role,
    valid_from,
    valid_to
  from source
)

select * from final
