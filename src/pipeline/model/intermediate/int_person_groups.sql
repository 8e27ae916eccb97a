-- Each person-period once per group it counts in: the company, its function, its side and (when it has one) its pod.
-- A view: four copies of int_person_periods cost more to store than to read again (three marts use it).
-- materialized: view
with settings as (select company_name from cfg_settings)
select f.*, 'company' as group_type, 'company' as group_id, s.company_name as group_name
from int_person_periods f cross join settings s
union all
select f.*, 'function', f.function, f.function from int_person_periods f
union all
select f.*, 'side', f.side, f.side from int_person_periods f where f.side is not null
union all
select f.*, 'pod', f.pod_id, p.pod_name from int_person_periods f join stg_pods p using (pod_id)
