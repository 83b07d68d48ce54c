-- Effective-dated partnership membership with the member organisation's name and kind (rename only).
-- valid_to is inclusive; null means the membership is current.
with members as (
  select * from {{ source('core', 'unit_members') }}
),

organizations as (
  select * from {{ source('core', 'organizations') }}
),

final as (
  select
    m.unit_id,
    m.org_id,
    o.name as org_name,
    o.kind as org_kind,
    m.member_role,
    m.valid_from,
    m.valid_to
  from members m
  join organizations o on o.org_id = m.org_id
)

select * from final
