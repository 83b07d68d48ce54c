-- Each coder's value for each item they rated, for the agreement statistics. An item is one dimension of one unit in
-- one wave; a coder is a person (a rater key), whatever roles they rated in; values are progress ranks. A coder gives an
-- item one value: a person who rated it in two roles counts once, with the lower median of their ratings (never as two
-- coders agreeing with themself). Consensus ratings are a team's joint answer, not an independent rater: left out.
-- Only the ratings of people in several roles (int_raters_in_several_roles) are grouped per person; anyone else's rating
-- is their value as it stands (grouping two million ratings one by one took seconds at scale).
with ratings as not materialized (
  select framework_id, network_id, unit_id, wave_id, dimension_code, rater_key, progress_rank
  from {{ ref('stg_core__ratings') }}
  where not is_consensus
),

several_roles as (
  select * from {{ ref('int_raters_in_several_roles') }}
),

final as (
  select framework_id, network_id, unit_id, wave_id, dimension_code, rater_key, progress_rank
  from ratings
  anti join several_roles using (framework_id, unit_id, wave_id, rater_key)
  union all
  select framework_id, network_id, unit_id, wave_id, dimension_code, rater_key,
    list_sort(list(progress_rank))[((count(*) - 1) // 2) + 1] as progress_rank
  from ratings
  semi join several_roles using (framework_id, unit_id, wave_id, rater_key)
  group by framework_id, network_id, unit_id, wave_id, dimension_code, rater_key
)

select * from final
