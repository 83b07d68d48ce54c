-- What the role-agreement statistic reads: each unit × wave's objectives with the IHE and the LEA stage. Quadratic
-- weighted kappa and its bootstrap interval are computed in C# (transform/Statistics/RoleKappa.cs).
with gaps as (
  select * from {{ ref('role_gaps') }}
),

final as (
  select framework_id, network_id, unit_id, wave_id, dimension_code, cast(ihe_stage as bigint) as ihe_stage, cast(lea_stage as bigint) as lea_stage
  from gaps
)

select * from final
