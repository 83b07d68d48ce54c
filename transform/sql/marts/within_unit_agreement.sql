-- Whether a unit's raters agree closely enough on an objective for one stage to stand for them: the average deviation
-- from the median, AD_Md = mean |x − median| over the unit's raters (Burke, Finkelstein & Dusig 1999), on progress
-- ranks, each person once (the lower median of their ratings where they rated in two roles), consensus entries left
-- out. Burke & Dunlap (2002) give c / 6 as the practical upper limit for c response options (4 stages: 0.67; 5 levels:
-- 0.83): at or below it, aggregating the raters to one stage is justified.
with person as (
  select framework_id, network_id, unit_id, wave_id, dimension_code, rater_key, progress_rank as rank
  from {{ ref('int_coder_values') }}
),

items as (
  select framework_id, network_id, unit_id, wave_id, dimension_code, count(*) as n_raters, median(rank) as median_rank, list(rank) as ranks
  from person
  group by framework_id, network_id, unit_id, wave_id, dimension_code
  having count(*) >= 2
),

frameworks as (
  select framework_id as f_framework_id, level_count from {{ source('core', 'frameworks') }}
),

final as (
  select
    framework_id,
    network_id,
    unit_id,
    dimension_code,
    wave_id,
    cast(n_raters as integer) as n_raters,
    median_rank,
    round(list_avg(list_transform(ranks, r -> abs(r - median_rank))), 6) as ad_md,
    round(f.level_count / 6.0, 6) as ad_limit,
    round(list_avg(list_transform(ranks, r -> abs(r - median_rank))), 6) <= round(f.level_count / 6.0, 6) as agrees
  from items
  join frameworks f on f.f_framework_id = items.framework_id
)

select * from final
