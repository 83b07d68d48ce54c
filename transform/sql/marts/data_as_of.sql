-- When each unit's ratings last landed, and whether any of them is synthetic sample data: every report's stamp.
with responses as (
  select * from {{ ref('response_counts') }}
),

final as (
  select
    framework_id,
    network_id,
    unit_id,
    max(last_batch_id) as last_batch_id,
    max(last_landed_at) as last_landed_at,
    bool_or(is_synthetic) as is_synthetic
  from responses
  group by framework_id, network_id, unit_id
)

select * from final
