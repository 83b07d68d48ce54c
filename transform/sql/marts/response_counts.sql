-- Who rated: raters and ratings per unit × wave × role (consensus ratings counted apart), plus a row with role_code
-- 'ALL' for the unit as a whole (a person who rated in two roles counts once there), and when the newest of them
-- landed. Reports read response counts, response rates and data-as-of stamps from here.
with ratings as (
  select * from {{ ref('stg_core__ratings') }}
),

batches as (
  select batch_id, finished_at, is_synthetic from {{ source('ops', 'ingest_batches') }}
),

final as (
  select
    r.framework_id,
    r.network_id,
    r.unit_id,
    r.wave_id,
    case when grouping(r.role_code) = 1 then 'ALL' else r.role_code end as role_code,
    cast(count(distinct r.rater_key) filter (where not r.is_consensus) as integer) as n_raters,
    bool_or(r.is_consensus) as has_consensus,
    cast(count(*) as integer) as n_ratings,
    max(r.batch_id) as last_batch_id,
    cast(max(b.finished_at) as timestamp) as last_landed_at,
    bool_or(b.is_synthetic) as is_synthetic
  from ratings r
  join batches b on b.batch_id = r.batch_id
  group by grouping sets (
    (r.framework_id, r.network_id, r.unit_id, r.wave_id, r.role_code),
    (r.framework_id, r.network_id, r.unit_id, r.wave_id)
  )
)

select * from final
