-- What the bootstrap of alpha reads: every pairable item's value counts (items at least two coders rated), per
-- unit × wave. The interval itself is computed in C# (transform/Statistics/AlphaBootstrap.cs): resampling is what
-- SQL expresses poorly.
with item_values as (
  select * from {{ ref('int_item_values_counted') }} where m_item >= 2
),

final as (
  select framework_id, network_id, unit_id, wave_id, dimension_code, cast(value as bigint) as value, cast(n_value as bigint) as n_value
  from item_values
)

select * from final
