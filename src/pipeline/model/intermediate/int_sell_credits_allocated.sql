-- One row per (won deal, credited person): the amount credited, amount × share.
-- A won deal without credit rows credits its owner with share 1.
with won as (
    select * from stg_deals where is_won and closed_on is not null
),
credited as (
    select w.deal_id, c.person_id, c.contribution, c.share
    from won w
    join stg_deal_credits c using (deal_id)
    union all
    select w.deal_id, w.owner_id as person_id, 'owner' as contribution, 1.0 as share
    from won w
    where not exists (select 1 from stg_deal_credits c where c.deal_id = w.deal_id)
)
select
    c.deal_id,
    c.person_id,
    c.contribution,
    c.share,
    w.closed_on,
    w.amount,
    w.amount * c.share as credit_amount
from credited c
join won w using (deal_id)
