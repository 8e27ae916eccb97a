-- One row per shout-out: the giver, the local date, the value tag (first #tag).
select
    client_msg_id as recognition_id,
    "user" as giver_id,
    local_date_of(to_timestamp(ts::double)) as given_on,
    text as message,
    nullif(regexp_extract(text, '#([A-Za-z0-9][A-Za-z0-9_-]*)', 1), '') as value_tag,
    _line
from raw_recognition
