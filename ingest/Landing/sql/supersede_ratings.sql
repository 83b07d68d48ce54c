-- Mark the raw rows whose ratings the pending batch replaces; returns how many.
update raw.long_ratings r
set superseded_by_batch = $1
from core.ratings c
join pending_ratings p
  on p.framework_id = c.framework_id and p.unit_id = c.unit_id and p.role_code = c.role_code
 and p.rater_key = c.rater_key and p.dimension_code = c.dimension_code and p.wave_id = c.wave_id
where r.batch_id = c.batch_id and c.rating_id = r.batch_id * 100000000 + coalesce(r.record_no, r.source_row)
;
