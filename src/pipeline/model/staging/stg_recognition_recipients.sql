-- One row per (shout-out, distinct recipient) from the message's <@id> mentions, in order of first mention.
with mentions as (
    select
        client_msg_id as recognition_id,
        unnest(regexp_extract_all(text, '<@([A-Za-z0-9_.:@-]+)>', 1)) as recipient_id,
        _line
    from raw_recognition
)
select distinct recognition_id, recipient_id, _line
from mentions
