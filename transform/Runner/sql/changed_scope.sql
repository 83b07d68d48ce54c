-- The framework × unit × wave combinations an incremental build recomputes: each one that a batch newer than
-- the last build ($1) landed ratings for (touched), and the same unit's later waves (their prev_stage may change).
-- A batch that replaces earlier ratings replaces them within the same natural key, so the same combination.
-- A model whose rows for a wave depend on that wave's ratings only reads the touched rows (incremental: own_wave_only).
with waves as (
  select
    network_id,
    wave_id,
    row_number() over (partition by network_id order by starts_on, wave_id) as wave_seq
  from core.waves
),

touched_waves as (
  select distinct r.framework_id, r.network_id, r.unit_id, r.wave_id, w.wave_seq
  from core.ratings r
  join waves w on w.network_id = r.network_id and w.wave_id = r.wave_id
  where r.batch_id > $1
),

touched as (
  select framework_id, network_id, unit_id, min(wave_seq) as first_seq
  from touched_waves
  group by framework_id, network_id, unit_id
),

final as (
  select t.framework_id, t.network_id, t.unit_id, w.wave_id, tw.wave_id is not null as touched
  from touched t
  join waves w on w.network_id = t.network_id and w.wave_seq >= t.first_seq
  left join touched_waves tw on tw.framework_id = t.framework_id and tw.network_id = t.network_id and tw.unit_id = t.unit_id and tw.wave_id = w.wave_id
)

select * from final
