-- include: summary_in_period
-- The shared filter over summary_units, as filtered_initiatives over the rows: period, field, status.
filtered_summary as not materialized (
    select * from summary_in_period where $all_statuses or status = $valid_status
),
