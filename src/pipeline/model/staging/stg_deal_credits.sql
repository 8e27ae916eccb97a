-- One row per (deal, person) sell credit.
select
    deal_id,
    person_id,
    contribution,
    share::double as share,
    _line
from raw_deal_credits
