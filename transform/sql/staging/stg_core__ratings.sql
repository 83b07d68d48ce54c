-- Canonical ratings as the marts read them (rename and cast only). comment is here for marts.rater_comments only:
-- no published table or research view carries it.
with source as (
  select * from {{ source('core', 'ratings') }}
),

final as (
  select
    rating_id,
    framework_id,
    network_id,
    unit_id,
    role_code,
    rater_key,
    dimension_code,
    wave_id,
    level_value,
    progress_rank,
    rated_at,
    is_consensus,
    comment,
    batch_id
  from source
)

select * from final
