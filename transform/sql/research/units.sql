-- Rated units: iLEAD partnerships, TXNSI teams.
with source as (
  select * from {{ source('core', 'units') }}
),

final as (
  select
    unit_id,
    network_id,
    name,
    kind
  from source
)

select * from final
