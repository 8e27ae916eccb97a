-- One row per shout-out with its message as people read it: each <@person_id> mention replaced by @ and the
-- person's name (ids from source systems never reach the site). Unknown mentions are left for the checks to report.
with names as (
    select
        rr.recognition_id,
        list({'token': '<@' || rr.recipient_id || '>', 'name': '@' || p.name} order by rr.recipient_id) as subs
    from stg_recognition_recipients rr
    join stg_people p on p.person_id = rr.recipient_id
    group by all
)
select
    r.recognition_id,
    list_reduce(
        list_prepend({'token': '', 'name': r.message}, coalesce(n.subs, [])),
        (acc, x) -> {'token': '', 'name': replace(acc.name, x.token, x.name)}
    ).name as message
from stg_recognitions r
left join names n using (recognition_id)
