-- People who rated a unit × wave individually (not as a consensus entry) in more than one role. Only they can have
-- several individual ratings of one item (one rating per person, role and item: the unique_combination test of
-- stg_core__ratings), so only their ratings need grouping per person where each person counts once.
with ratings as (
  select * from {{ ref('stg_core__ratings') }}
),

final as (
  select framework_id, unit_id, wave_id, rater_key
  from ratings
  where not is_consensus
  group by framework_id, unit_id, wave_id, rater_key
  having count(distinct role_code) > 1
)

select * from final
