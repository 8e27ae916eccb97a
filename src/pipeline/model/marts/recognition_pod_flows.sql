-- Who thanks whom between pods: pairs per giver pod × recipient pod and period (people without a pod left out).
select
    p.period_grain,
    p.period,
    p.giver_pod_id,
    gp.pod_name as giver_pod_name,
    p.recipient_pod_id,
    rp.pod_name as recipient_pod_name,
    count(*)::integer as pairs
from int_recognition_pairs p
join stg_pods gp on gp.pod_id = p.giver_pod_id
join stg_pods rp on rp.pod_id = p.recipient_pod_id
group by all
