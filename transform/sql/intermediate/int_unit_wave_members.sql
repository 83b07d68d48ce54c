-- Which organisations made up each unit during each of its network's waves (effective-dated membership).
-- A membership counts for a wave when its validity overlaps the wave's dates; when a member changed during
-- a wave both appear, and covers_whole_wave says which of them held for the whole wave.
with units as (
  select * from {{ source('core', 'units') }}
),

waves as (
  select * from {{ ref('stg_core__waves') }}
),

members as (
  select * from {{ ref('stg_core__unit_members') }}
),

final as (
  select
    u.unit_id,
    u.network_id,
    w.wave_id,
    m.org_id,
    m.org_name,
    m.org_kind,
    m.member_role,
    m.valid_from,
    m.valid_to,
    m.valid_from <= w.starts_on and coalesce(m.valid_to, date '9999-12-31') >= w.ends_on as covers_whole_wave
  from units u
  join waves w on w.network_id = u.network_id
  join members m
    on m.unit_id = u.unit_id
   and m.valid_from <= w.ends_on
   and coalesce(m.valid_to, date '9999-12-31') >= w.starts_on
)

select * from final
