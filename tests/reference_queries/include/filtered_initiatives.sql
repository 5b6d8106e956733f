-- The shared filter of the initiative queries: period of submission, status and field.
-- Parameters: $start, $end (submission dates, null = open), $all_statuses (false: valid initiatives
-- only, $valid_status), $field (null = every field).
filtered_initiatives as (
    select *
    from initiatives
    where ($start is null or submitted_on >= $start)
        and ($end is null or submitted_on <= $end)
        and ($all_statuses or status = $valid_status)
        and ($field is null or field = $field)
),
