-- Version 3: the day index of session_days leads with the day and names the unit too (docs/HUB.md).
-- H2 plans a statement once per connection and keeps the plan: the writer's "add to this unit's day"
-- planned while session_days was empty took the day-only index, and then walked every unit's row of
-- that day for each sum (60 % of the writer's time at 1,000 units). With every key column in both
-- indexes any choice finds the one row; the utilisation page (ended_on >= ?) reads this index as before.
CREATE INDEX session_days_by_day ON session_days (ended_on, site, unit);
DROP INDEX session_days_ended_on;
