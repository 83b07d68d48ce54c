-- Records set aside (quarantined) per unit and wave, counted once per record however many of its fields were wrong:
-- the partner report's data note for the wave. Records whose unit could not be read are not counted to any unit;
-- records whose wave could not be read have a null wave_id.
with quarantine as (
  select * from {{ source('ops', 'quarantine') }}
),

final as (
  select
    unit_id,
    wave_id,
    cast(count(distinct (batch_id, source_row)) as integer) as n_records,
    max(batch_id) as last_batch_id
  from quarantine
  where unit_id is not null
  group by unit_id, wave_id
)

select * from final
