-- Krippendorff's coincidence matrix per unit × wave: o_ck = Σ over items of n_uc · (n_uk − [c = k]) / (m_u − 1),
-- counted over the items that at least two raters rated (only those are pairable).
-- Reference: Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for Communication.
with item_values as (
  select * from {{ ref('int_item_values_counted') }} where m_item >= 2
),

final as (
  select
    a.framework_id,
    a.network_id,
    a.unit_id,
    a.wave_id,
    a.value as c,
    b.value as k,
    sum(a.n_value * (b.n_value - case when a.value = b.value then 1 else 0 end) / (a.m_item - 1)) as o_ck
  from item_values a
  join item_values b
    on b.framework_id = a.framework_id and b.unit_id = a.unit_id and b.wave_id = a.wave_id
   and b.dimension_code = a.dimension_code
  group by a.framework_id, a.network_id, a.unit_id, a.wave_id, a.value, b.value
)

select * from final
