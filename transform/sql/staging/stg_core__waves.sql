-- Waves with their position in the network's sequence (1 = first wave).
with source as (
  select * from core.waves
),

final as (
  select
    network_id,
    wave_id,
    label as wave_label,
    starts_on,
    ends_on,
    cast(row_number() over (partition by network_id order by starts_on, wave_id) as integer) as wave_seq
  from source
)

select * from final
