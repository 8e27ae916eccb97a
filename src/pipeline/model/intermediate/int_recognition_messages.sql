-- One row per shout-out with its message as people read it: each <@person_id> mention replaced by @ and the
-- person's name (ids from source systems never reach the site). Unknown mentions are left for the checks to report.
-- Mentions are replaced one recipient at a time in recipient_id order.
with names as (
    select
        rr.recognition_id,
        -- sorting the structs sorts by their first field, recipient_id (cheaper than an ordered aggregate)
        list_sort(list({'recipient_id': rr.recipient_id, 'token': '<@' || rr.recipient_id || '>', 'name': '@' || p.name})) as subs
    from stg_recognition_recipients rr
    join stg_people p on p.person_id = rr.recipient_id
    group by all
)
select
    r.recognition_id,
    case
        when n.subs is null then r.message
        when len(n.subs) = 1 then replace(r.message, n.subs[1].token, n.subs[1].name)
        else list_reduce(
            list_prepend({'recipient_id': '', 'token': '', 'name': r.message}, n.subs),
            (acc, x) -> {'recipient_id': '', 'token': '', 'name': replace(acc.name, x.token, x.name)}
        ).name
    end as message
from stg_recognitions r
left join names n using (recognition_id)
