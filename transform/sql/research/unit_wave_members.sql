-- Organisations making up each unit in each wave (see marts.unit_wave_members).
with source as (
  select * from {{ ref('unit_wave_members') }}
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
  from source
)

select * from final
