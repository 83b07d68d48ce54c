-- The framework × unit × wave combinations an incremental build recomputes: each one that a batch newer than
-- the last build ($1) landed ratings for, and the same unit's later waves (their prev_stage may change).
-- A batch that replaces earlier ratings replaces them within the same natural key, so the same combination.
with waves as (
  select
    network_id,
    wave_id,
    row_number() over (partition by network_id order by starts_on, wave_id) as wave_seq
  from core.waves
),

touched as (
  select r.framework_id, r.network_id, r.unit_id, min(w.wave_seq) as first_seq
  from core.ratings r
  join waves w on w.network_id = r.network_id and w.wave_id = r.wave_id
  where r.batch_id > $1
  group by r.framework_id, r.network_id, r.unit_id
),

final as (
  select t.framework_id, t.network_id, t.unit_id, w.wave_id
  from touched t
  join waves w on w.network_id = t.network_id and w.wave_seq >= t.first_seq
)

select * from final
