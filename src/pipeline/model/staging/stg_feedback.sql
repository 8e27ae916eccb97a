-- One row per feedback item, local dates.
select
    feedback_id,
    account,
    captured_by,
    local_date(received_at) as received_on,
    summary,
    nullif(resolved_by, '') as resolved_by,
    local_date(resolved_at) as resolved_on,
    _line
from raw_feedback
