-- One row per pod, quarter and template role (cfg_role_template): on how many days of the quarter (up to the as-of
-- date) the pod had members, on how many of those it held the role's minimum headcount, and the most people it had in
-- the role on any day. A person counts in a pod on the days a membership covers while they are employed.
-- Counted from the days headcounts change rather than day by day: a stint (a membership while employed) adds one on its
-- first day and removes one the day after its last, so between two such days (or quarter bounds) nothing changes.
with as_of as (
    select max(day) as as_of from int_calendar where is_as_of
),
quarters as (
    select p.period_grain, p.period, p.first_day, least(p.last_day, a.as_of) as last_day
    from int_periods p
    cross join as_of a
    where p.period_grain = 'quarter'
),
stints as (
    select
        m.pod_id,
        p.function,
        greatest(m.valid_from, p.start_date) as first_on,
        least(coalesce(m.valid_to, a.as_of), coalesce(p.end_date, a.as_of), a.as_of) as last_on
    from stg_memberships m
    join stg_people p on p.person_id = m.person_id
    cross join as_of a
    where m.valid_from is not null and p.start_date is not null
),
changes as (
    select pod_id, function, first_on as day, 1 as delta from stints where first_on <= last_on
    union all
    select pod_id, function, last_on + 1 as day, -1 as delta from stints where first_on <= last_on
),
    -- the days a pod's headcounts may change: its stints' changes and every quarter's first day and the day after its last
pod_steps as (
    select pod_id, day, sum(delta) as delta
    from (
        select pod_id, day, delta from changes
        union all
        select c.pod_id, b.day, 0 as delta
        from (select distinct pod_id from changes) c
        cross join (select first_day as day from quarters union all select last_day + 1 from quarters) b
    )
    group by all
),
    -- stretches of days with the same headcounts: from one step to the day before the next
pod_segments as (
    select
        pod_id,
        day as first_on,
        lead(day) over (partition by pod_id order by day) - 1 as last_on,
        sum(delta) over (partition by pod_id order by day rows unbounded preceding) as headcount
    from pod_steps
),
roles as (
    select distinct function from cfg_role_template where min_count > 0
),
role_changes as (
    select pod_id, function, day, sum(delta) as delta
    from changes
    group by all
),
role_segments as (
    select
        s.pod_id,
        s.day as first_on,
        r.function,
        sum(coalesce(c.delta, 0)) over (partition by s.pod_id, r.function order by s.day rows unbounded preceding) as headcount
    from pod_steps s
    cross join roles r
    left join role_changes c on c.pod_id = s.pod_id and c.function = r.function and c.day = s.day
)
select
    q.period_grain,
    q.period,
    s.pod_id,
    t.function,
    t.min_count as count_required,
    sum(s.last_on - s.first_on + 1)::integer as days_with_members,
    coalesce(sum(s.last_on - s.first_on + 1) filter (where r.headcount >= t.min_count), 0)::integer as days_covered,
    max(r.headcount)::integer as max_headcount
from pod_segments s
join quarters q on s.first_on between q.first_day and q.last_day
cross join cfg_role_template t
join role_segments r on r.pod_id = s.pod_id and r.first_on = s.first_on and r.function = t.function
where s.headcount > 0
  and t.min_count > 0
group by all
