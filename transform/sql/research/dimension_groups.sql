-- Groups of dimensions: iLEAD IHE / LEA / PARTNERSHIP, TXNSI principles.
with source as (
  select * from {{ source('core', 'dimension_groups') }}
),

final as (
  select
    framework_id,
    group_code,
    title,
    description
  from source
)

select * from final
