-- Recognition per pod and period: given, received, how much of it crosses the pod's boundary, and reciprocity.
with pods as (
    select distinct period_grain, period, pod_id from int_person_periods where pod_id is not null
),
given as (
    select period_grain, period, giver_pod_id as pod_id,
        count(*)::integer as count_given,
        count(*) filter (where recipient_pod_id is distinct from giver_pod_id)::integer as count_given_to_other_pods
    from int_recognition_pairs where giver_pod_id is not null
    group by all
),
reciprocated as (
    select
        p.period_grain,
        p.period,
        p.giver_pod_id as pod_id,
        count(*) filter (where p.is_reciprocated) / count(*) as reciprocity
    from int_recognition_pairs p
    where p.giver_pod_id is not null
    group by all
),
received as (
    select period_grain, period, recipient_pod_id as pod_id,
        count(*)::integer as count_received,
        count(*) filter (where giver_pod_id is distinct from recipient_pod_id)::integer as count_received_from_other_pods
    from int_recognition_pairs where recipient_pod_id is not null
    group by all
)
select
    p.period_grain,
    p.period,
    'pod' as group_type,
    p.pod_id as group_id,
    sp.pod_name as group_name,
    coalesce(g.count_given, 0)::integer as count_given,
    coalesce(r.count_received, 0)::integer as count_received,
    coalesce(r.count_received_from_other_pods, 0)::integer as count_received_from_other_pods,
    coalesce(g.count_given_to_other_pods, 0)::integer as count_given_to_other_pods,
    x.reciprocity
from pods p
join stg_pods sp using (pod_id)
left join given g using (period_grain, period, pod_id)
left join received r using (period_grain, period, pod_id)
left join reciprocated x using (period_grain, period, pod_id)
