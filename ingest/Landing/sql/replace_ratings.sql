-- Replace ratings that share a natural key with the pending batch, then add the batch.
delete from core.ratings c
using pending_ratings p
where p.framework_id = c.framework_id and p.unit_id = c.unit_id and p.role_code = c.role_code
  and p.rater_key = c.rater_key and p.dimension_code = c.dimension_code and p.wave_id = c.wave_id;

insert into core.ratings select * from pending_ratings;
