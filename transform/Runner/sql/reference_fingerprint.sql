-- A fingerprint of the reference data the marts depend on. When it changes (a framework, unit, membership,
-- organisation or wave added or edited), an incremental build is not enough and the runner rebuilds everything.
select md5(concat_ws('|',
  (select coalesce(string_agg(cast(t as varchar), ';' order by cast(t as varchar)), '') from core.frameworks t),
  (select coalesce(string_agg(cast(t as varchar), ';' order by cast(t as varchar)), '') from core.levels t),
  (select coalesce(string_agg(cast(t as varchar), ';' order by cast(t as varchar)), '') from core.dimensions t),
  (select coalesce(string_agg(cast(t as varchar), ';' order by cast(t as varchar)), '') from core.roles t),
  (select coalesce(string_agg(cast(t as varchar), ';' order by cast(t as varchar)), '') from core.units t),
  (select coalesce(string_agg(cast(t as varchar), ';' order by cast(t as varchar)), '') from core.organizations t),
  (select coalesce(string_agg(cast(t as varchar), ';' order by cast(t as varchar)), '') from core.unit_members t),
  (select coalesce(string_agg(cast(t as varchar), ';' order by cast(t as varchar)), '') from core.waves t)
))
