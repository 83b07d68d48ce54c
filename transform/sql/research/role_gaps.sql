-- See marts.role_gaps; with the wave's position in its network.
with source as (
  select * from {{ ref('role_gaps') }}
),

waves as (
  select network_id as w_network_id, wave_id as w_wave_id, wave_seq from {{ source('core', 'waves') }}
),

final as (
  select source.*, w.wave_seq
  from source
  left join waves w on w.w_network_id = source.network_id and w.w_wave_id = source.wave_id
)

select * from final
