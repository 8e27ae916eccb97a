-- Org changes per quarter, for marking trend charts: pods formed, people moving between pods (a membership that
-- starts while or right after the person was in another pod, outside rotations) and rotation cohorts (people starting
-- a rotation stint, per program).
with quarters as (
    select period, first_day, last_day, period_index from int_periods where period_grain = 'quarter'
),
formed as (
    select q.period, q.period_index, 'pod_formed' as kind, p.pod_id, p.pod_name as label, 1 as count_people, p.formed_at as first_on
    from stg_pods p
    join quarters q on p.formed_at between q.first_day and q.last_day
),
moves as (
    select m.person_id, m.pod_id, m.valid_from
    from stg_memberships m
    where not m.is_rotation
      and exists (
          select 1 from stg_memberships b
          where b.person_id = m.person_id
            and b.pod_id <> m.pod_id
            and not b.is_rotation
            and b.valid_from < m.valid_from
            and b.valid_to is not null
            and b.valid_to >= m.valid_from - 1
      )
),
moved as (
    select q.period, q.period_index, 'moves' as kind, null as pod_id, 'moves between pods' as label,
           count(*)::integer as count_people, min(mv.valid_from) as first_on
    from moves mv
    join quarters q on mv.valid_from between q.first_day and q.last_day
    group by all
),
rotations as (
    select q.period, q.period_index, 'rotation' as kind, min(m.pod_id) as pod_id, m.rotation as label,
           count(distinct m.person_id)::integer as count_people, min(m.valid_from) as first_on
    from stg_memberships m
    join quarters q on m.valid_from between q.first_day and q.last_day
    where m.is_rotation
    group by q.period, q.period_index, m.rotation
)
select period, period_index, kind, pod_id, label, count_people, first_on from formed
union all
select period, period_index, kind, pod_id, label, count_people, first_on from moved
union all
select period, period_index, kind, pod_id, label, count_people, first_on from rotations
