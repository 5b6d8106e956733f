-- Headline counts of one union at any level, from its loaded initiative rows.
-- Grain: one row.
-- Parameters: $unit_key (normalised name), $start, $end (submission dates, null = open),
-- $all_statuses (false: only 'hợp lệ'), $field (null = every field). The status counts ignore
-- $all_statuses so submitted vs valid can be shown side by side, so this query filters the period
-- and the field itself rather than through the shared filter (which applies the status).
-- participants = distinct (grassroots union and its parent, author name) among the counted rows:
-- grassroots names repeat across districts, and author names across unions.
with scoped as (
    select *
    from initiatives
    where $unit_key in (unit_key, parent_key, federation_key)
        and ($start is null or submitted_on >= $start)
        and ($end is null or submitted_on <= $end)
        and ($field is null or field = $field)
),

counted as (
    select * from scoped where $all_statuses or status = $valid_status
),

participants as (
    -- initiative_authors is derived when the version is written: one row per (initiative, author)
    select count(distinct participant_id) as n
    from initiative_authors
    where $unit_key in (unit_key, parent_key, federation_key)
        and ($start is null or submitted_on >= $start)
        and ($end is null or submitted_on <= $end)
        and ($field is null or field = $field)
        and ($all_statuses or status = $valid_status)
),

final as (
    select
        (select count(*) from counted) as initiatives,
        (select count(*) from scoped) as initiatives_all_statuses,
        (select count(*) from scoped where status = $valid_status) as initiatives_valid,
        (select count(*) from scoped where status = $review_status) as initiatives_under_review,
        (select count(*) from scoped where status = $invalid_status) as initiatives_invalid,
        (select n from participants) as participants,
        (select count(authors) from scoped) as with_authors,
        (select count(benefit_vnd) from counted) as with_benefit,
        (select sum(benefit_vnd) from counted) as benefit_total_vnd,
        (select max(benefit_vnd) from counted) as benefit_max_vnd,
        (select count(*) from counted where benefit_vnd >= $big_benefit_vnd) as initiatives_benefit_ge_3e9,
        (select min(submitted_on) from counted) as first_submitted_on,
        (select max(submitted_on) from counted) as last_submitted_on
)

select * from final
