-- Assessment waves and their dates.
with source as (
  select * from {{ source('core', 'waves') }}
),

final as (
  select
    wave_id,
    network_id,
    wave_seq,
    label,
    starts_on,
    ends_on
  from source
)

select * from final
