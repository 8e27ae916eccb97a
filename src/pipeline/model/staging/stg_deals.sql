-- One row per deal: local dates, amount in the company currency.
select
    d.deal_id,
    d.account,
    nullif(d.pod_id, '') as pod_id,
    d.owner_id,
    d.amount::double * coalesce(r.rate, 1) as amount,
    upper(coalesce(nullif(d.currency, ''), s.currency)) as source_currency,
    d.type as deal_type,
    d.stage,
    d.stage = 'won' as is_won,
    d.stage = 'lost' as is_lost,
    local_date(d.created_at) as created_on,
    local_date(d.closed_at) as closed_on,
    d._line
from raw_deals d
cross join cfg_settings s
left join cfg_currency_rates r on r.currency = upper(coalesce(nullif(d.currency, ''), s.currency))
