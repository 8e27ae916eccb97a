-- Helpers every model may use. Dates are calendar dates in the company's time zone (cfg_settings.timezone).

-- The local calendar date of an instant.
create or replace macro local_date_of(t) as timezone((select timezone from cfg_settings), t)::date;

-- The local calendar date of a date or timestamp written as text: a plain date is taken as it is, a timestamp with
-- an offset (or Z) is converted to the company's time zone, a timestamp without one is already local.
create or replace macro local_date(s) as (
    case
        when s is null then null
        when length(s) = 10 then s::date
        when regexp_matches(s, '([Zz]|[+-]\d\d(:?\d\d)?)$') then local_date_of(s::timestamptz)
        else s::timestamp::date
    end
);

-- Sum of doubles that does not depend on the order rows are read in (a plain sum of doubles rounds after each
-- addition, so its last digits change with the plan or the number of threads; the same input must give the same
-- output). Each value is scaled by 2^60 to a whole number, exact for magnitudes from 2^-8 to 2^67 (smaller ones are
-- rounded to 2^-60), the whole numbers are added exactly as HUGEINT, and the total is scaled back.
create or replace macro exact_sum(x) as sum((x * pow(2, 60))::hugeint)::double / pow(2, 60);

-- Balance of build and sell credit: 1 is perfectly balanced, 0 one-sided, empty without credit.
create or replace macro balance_of(b, s) as
    case when coalesce(b, 0) + coalesce(s, 0) > 0
         then 1 - abs(coalesce(b, 0) - coalesce(s, 0)) / (coalesce(b, 0) + coalesce(s, 0)) end;

-- Share of build credit in all credit, empty without credit.
create or replace macro build_share_of(b, s) as
    case when coalesce(b, 0) + coalesce(s, 0) > 0 then coalesce(b, 0) / (coalesce(b, 0) + coalesce(s, 0)) end;
