-- One row per feedback item: the capturer's pod on the day it was received, and the whole days to resolution.
select
    f.feedback_id,
    f.account,
    f.captured_by,
    f.received_on,
    f.resolved_by,
    f.resolved_on,
    m.pod_id,
    date_diff('day', f.received_on, f.resolved_on)::integer as days_to_resolve
from stg_feedback f
left join stg_memberships m
  on m.person_id = f.captured_by
 and m.valid_from <= f.received_on
 and coalesce(m.valid_to, 'infinity'::date) >= f.received_on
