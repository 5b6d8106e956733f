-- The shared filter over initiative_authors (one row per initiative and author), as filtered_initiatives.
filtered_authors as (
    select *
    from initiative_authors
    where ($start is null or submitted_on >= $start)
        and ($end is null or submitted_on <= $end)
        and ($all_statuses or status = $valid_status)
        and ($field is null or field = $field)
),
