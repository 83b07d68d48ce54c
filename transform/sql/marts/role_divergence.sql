-- Where the university and district views part across the network: per framework × objective × wave, over the units
-- whose IHE and LEA raters both rated it, the mean gap (IHE − LEA), the mean absolute gap, and how many units saw it
-- higher from each side. The objectives with the largest mean absolute gap are where the roles diverge most.
with gaps as (
  select * from {{ ref('role_gaps') }}
),

final as (
  select
    framework_id,
    network_id,
    dimension_code,
    wave_id,
    cast(count(*) as integer) as n_units,
    round(avg(gap), 6) as mean_gap,
    round(avg(abs(gap)), 6) as mean_abs_gap,
    cast(count(*) filter (where gap > 0) as integer) as n_ihe_higher,
    cast(count(*) filter (where gap < 0) as integer) as n_lea_higher
  from gaps
  group by framework_id, network_id, dimension_code, wave_id
)

select * from final
