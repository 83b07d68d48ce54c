-- The organisations that made up each unit in each wave of its network, from effective-dated membership.
with members as (
  select * from {{ ref('int_unit_wave_members') }}
),

final as (
  select
    unit_id,
    network_id,
    wave_id,
    org_id,
    org_name,
    org_kind,
    member_role,
    valid_from,
    valid_to,
    covers_whole_wave
  from members
)

select * from final
