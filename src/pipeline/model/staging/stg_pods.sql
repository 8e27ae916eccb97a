-- One row per pod, typed.
select
    pod_id,
    name as pod_name,
    orientation,
    focus,
    formed_at::date as formed_at,
    _line
from raw_pods
