-- Waves with their position in the network's sequence (1 = first wave; numbered when waves land).
with source as (
  select * from {{ source('core', 'waves') }}
),

final as (
  select
    network_id,
    wave_id,
    label as wave_label,
    starts_on,
    ends_on,
    wave_seq
  from source
)

select * from final
