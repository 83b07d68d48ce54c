-- Frameworks (rubrics) and their level order.
with source as (
  select * from {{ source('core', 'frameworks') }}
),

final as (
  select
    framework_id,
    name,
    version,
    network_id,
    level_count,
    ascending,
    level_term,
    dimension_term,
    descriptors_by_role
  from source
)

select * from final
