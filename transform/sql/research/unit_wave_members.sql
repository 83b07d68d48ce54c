-- Organisations making up each unit in each wave (see marts.unit_wave_members).
with source as (
  select * from {{ ref('unit_wave_members') }}
),

waves as (
  select network_id as w_network_id, wave_id as w_wave_id, wave_seq from {{ source('core', 'waves') }}
),

final as (
  select
    unit_id,
    network_id,
    wave_id,
    w.wave_seq,
    org_id,
    org_name,
    org_kind,
    member_role,
    valid_from,
    valid_to,
    covers_whole_wave
  from source
  left join waves w on w.w_network_id = source.network_id and w.w_wave_id = source.wave_id
)

select * from final
