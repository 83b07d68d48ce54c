-- What raters wrote, per unit × dimension × wave: identified, for the hub review only. A view, so it is never copied
-- into the researchers' snapshot; comments stay out of research views and partner benchmarks.
with ratings as (
  select * from {{ ref('stg_core__ratings') }}
),

final as (
  select
    framework_id,
    network_id,
    unit_id,
    wave_id,
    dimension_code,
    comment,
    cast(count(*) as integer) as n_ratings
  from ratings
  where comment is not null and trim(comment) <> ''
  group by framework_id, network_id, unit_id, wave_id, dimension_code, comment
)

select * from final
