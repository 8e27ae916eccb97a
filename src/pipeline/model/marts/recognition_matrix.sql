-- Who thanks whom: pairs per giver function × recipient function and period.
select
    period_grain,
    period,
    giver_function,
    recipient_function,
    count(*)::integer as pairs
from int_recognition_pairs
group by all
