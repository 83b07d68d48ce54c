-- The ratings in core that the pending ones replace: the same rater, unit, role, dimension and wave.
create or replace temp table replaced_ratings as
select c.rating_id, c.batch_id
from core.ratings c
join {pending} p
  on p.framework_id = c.framework_id and p.unit_id = c.unit_id and p.role_code = c.role_code
 and p.rater_key = c.rater_key and p.dimension_code = c.dimension_code and p.wave_id = c.wave_id
