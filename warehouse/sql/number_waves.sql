-- wave_seq: each wave's position in its network by start date (1 = first). Waves are ordered by it, never by
-- their id as text ("2022-spring" sorts after "2022-fall" as text). Only rows whose number changes are written.
update core.waves set wave_seq = numbered.seq
from (
  select network_id, wave_id, cast(row_number() over (partition by network_id order by starts_on, wave_id) as integer) as seq
  from core.waves
) numbered
where core.waves.network_id = numbered.network_id
  and core.waves.wave_id = numbered.wave_id
  and core.waves.wave_seq is distinct from numbered.seq;
