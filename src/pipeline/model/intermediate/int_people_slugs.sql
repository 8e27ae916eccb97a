-- One row per person: the URL slug of their profile page, made from their name (source ids never reach the site).
-- Same names get -2, -3… in person_id order; a name with no Latin letters or digits becomes person-<n>.
with base as (
    select
        person_id,
        trim(regexp_replace(lower(strip_accents(name)), '[^a-z0-9]+', '-', 'g'), '-') as base
    from stg_people
),
named as (
    select person_id, case when base = '' then 'person' else base end as base from base
),
numbered as (
    select *, row_number() over (partition by base order by person_id) as n from named
)
select person_id, base || case when n > 1 or base = 'person' then '-' || n else '' end as slug
from numbered
