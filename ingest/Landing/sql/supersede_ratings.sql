-- Mark the raw rows of the replaced ratings as superseded by batch $1 (the statement's count is the rows marked).
update raw.long_ratings
set superseded_by_batch = $1
where batch_id in (select distinct batch_id from replaced_ratings)
  and batch_id * 100000000 + coalesce(record_no, source_row) in (select rating_id from replaced_ratings)
