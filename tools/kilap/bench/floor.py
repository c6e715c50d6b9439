"""B1's SQL floor: the month's daily results computed by PostgreSQL alone, in one
``INSERT ... SELECT`` into a temporary table, and compared row by row with the rows
KILAP wrote (status, late and early minutes, worked minutes, scheduled minutes).

A floor, not an alternative: it knows only what the generated regency uses (one
office time zone per employee, the calendar of the employee's current contract, no
Ramadan period, no make-up time), and none of KILAP's checks, audit or freeze.
"""

FLOOR_SQL = """
INSERT INTO kilap_floor_day
    (employee_id, date, status, late_minutes, early_minutes, worked_minutes,
     scheduled_minutes)
WITH emp AS (
    SELECT e.id, v.resource_calendar_id AS calendar_id,
           COALESCE(r.tz, 'Asia/Makassar') AS tz
      FROM hr_employee e
      JOIN hr_version v ON v.id = e.current_version_id
      JOIN resource_resource r ON r.id = e.resource_id
     WHERE e.company_id = %(company)s AND e.active
), sched AS (
    SELECT calendar_id, dayofweek::int AS dow, min(hour_from) AS h_start,
           max(hour_to) AS h_end,
           round(sum(hour_to - hour_from) * 60)::int AS minutes
      FROM resource_calendar_attendance
     WHERE COALESCE(day_period, '') != 'lunch' AND display_type IS NULL
     GROUP BY 1, 2
), slot AS (
    SELECT emp.id AS employee_id, emp.tz, emp.calendar_id, d::date AS day,
           s.minutes,
           (d::date + make_interval(secs => s.h_start * 3600)) AS local_start,
           (d::date + make_interval(secs => s.h_end * 3600)) AS local_end
      FROM emp
     CROSS JOIN generate_series(%(date_from)s::date, %(date_to)s::date, '1 day') d
      JOIN sched s ON s.calendar_id = emp.calendar_id
                  AND s.dow = extract(isodow FROM d)::int - 1
), att AS (
    SELECT a.employee_id,
           (a.check_in AT TIME ZONE 'UTC' AT TIME ZONE emp.tz)::date AS day,
           min(a.check_in) AS first_in,
           bool_or(a.check_out IS NULL) AS open_att,
           max(COALESCE(a.check_out, a.check_in)) AS last_out,
           sum(extract(epoch FROM COALESCE(a.check_out, a.check_in) - a.check_in))
               AS worked_seconds
      FROM hr_attendance a
      JOIN emp ON emp.id = a.employee_id
     WHERE a.check_in >= %(date_from)s::date - 1
       AND a.check_in < %(date_to)s::date + 2
       AND COALESCE(a.kilap_review_state, '') != 'rejected'
     GROUP BY 1, 2
), lv AS (
    SELECT DISTINCT ON (l.employee_id, d::date) l.employee_id, d::date AS day,
           COALESCE(t.kilap_treatment, 'leave') AS status
      FROM hr_leave l
      JOIN emp ON emp.id = l.employee_id
      JOIN hr_leave_type t ON t.id = l.holiday_status_id
     CROSS JOIN generate_series(greatest(l.request_date_from, %(date_from)s::date),
                                least(l.request_date_to, %(date_to)s::date), '1 day') d
     WHERE l.state = 'validate'
       AND l.request_date_from <= %(date_to)s AND l.request_date_to >= %(date_from)s
     ORDER BY l.employee_id, d::date, l.id
), duty AS (
    SELECT DISTINCT r.employee_id, d::date AS day
      FROM kilap_field_duty f
      JOIN kilap_field_duty_employee_rel r ON r.duty_id = f.id
      JOIN emp ON emp.id = r.employee_id
     CROSS JOIN generate_series(greatest(f.date_from, %(date_from)s::date),
                                least(f.date_to, %(date_to)s::date), '1 day') d
     WHERE f.state IN ('approved', 'reported')
       AND f.date_from <= %(date_to)s AND f.date_to >= %(date_from)s
), hol AS (
    SELECT DISTINCT k.calendar_id, k.tz, k.day
      FROM (SELECT DISTINCT calendar_id, tz, day, local_start, local_end FROM slot) k
      JOIN resource_calendar_leaves h
        ON h.resource_id IS NULL
       AND (h.company_id = %(company)s OR h.company_id IS NULL)
       AND (h.calendar_id IS NULL OR h.calendar_id = k.calendar_id)
       AND h.date_from < (k.local_end AT TIME ZONE k.tz AT TIME ZONE 'UTC')
       AND h.date_to > (k.local_start AT TIME ZONE k.tz AT TIME ZONE 'UTC')
)
SELECT slot.employee_id, slot.day,
       CASE WHEN hol.day IS NOT NULL THEN 'holiday'
            WHEN lv.status IS NOT NULL THEN lv.status
            WHEN duty.day IS NOT NULL THEN 'field_duty'
            WHEN att.first_in IS NOT NULL THEN 'present'
            ELSE 'absent' END,
       CASE WHEN hol.day IS NULL AND lv.status IS NULL AND duty.day IS NULL
             AND att.first_in IS NOT NULL
            THEN greatest(0, floor(extract(epoch FROM date_trunc('second',
                 att.first_in AT TIME ZONE 'UTC' AT TIME ZONE slot.tz)
                 - slot.local_start) / 60))::int
            ELSE 0 END,
       CASE WHEN hol.day IS NULL AND lv.status IS NULL AND duty.day IS NULL
             AND att.first_in IS NOT NULL AND NOT att.open_att
            THEN greatest(0, floor(extract(epoch FROM slot.local_end - date_trunc(
                 'second', att.last_out AT TIME ZONE 'UTC' AT TIME ZONE slot.tz))
                 / 60))::int
            ELSE 0 END,
       CASE WHEN hol.day IS NULL AND lv.status IS NULL AND duty.day IS NULL
            THEN COALESCE(floor(att.worked_seconds / 60), 0)::int ELSE 0 END,
       slot.minutes
  FROM slot
  LEFT JOIN hol ON hol.calendar_id = slot.calendar_id AND hol.tz = slot.tz
               AND hol.day = slot.day
  LEFT JOIN lv ON lv.employee_id = slot.employee_id AND lv.day = slot.day
  LEFT JOIN duty ON duty.employee_id = slot.employee_id AND duty.day = slot.day
  LEFT JOIN att ON att.employee_id = slot.employee_id AND att.day = slot.day
"""

COMPARED = (
    "status",
    "late_minutes",
    "early_minutes",
    "worked_minutes",
    "scheduled_minutes",
)


def create_floor_table(cr):
    """The floor's table; its sources analyzed first, as autovacuum would."""
    cr.execute(
        "ANALYZE hr_attendance, hr_employee, hr_version, hr_leave, kilap_field_duty, "
        "kilap_field_duty_employee_rel, resource_calendar_leaves"
    )
    cr.execute(
        "CREATE TEMP TABLE IF NOT EXISTS kilap_floor_day (employee_id int, date date, "
        "status varchar, late_minutes int, early_minutes int, worked_minutes int, "
        "scheduled_minutes int) ON COMMIT DROP"
    )
    cr.execute("TRUNCATE kilap_floor_day")


def run_floor(cr, company_id, date_from, date_to):
    """The one INSERT ... SELECT (the timed part)."""
    cr.execute(
        FLOOR_SQL, {"company": company_id, "date_from": date_from, "date_to": date_to}
    )
    return cr.rowcount


def compare(cr, company_id, date_from, date_to):
    """Rows of KILAP's daily results and of the floor that differ on COMPARED."""
    differs = " OR ".join(f"k.{c} IS DISTINCT FROM f.{c}" for c in COMPARED)
    cr.execute(
        f"""SELECT count(*) FILTER (WHERE k.id IS NULL),
                   count(*) FILTER (WHERE f.employee_id IS NULL),
                   count(*) FILTER (WHERE k.id IS NOT NULL
                                      AND f.employee_id IS NOT NULL AND ({differs})),
                   count(*)
              FROM (SELECT * FROM kilap_attendance_day
                     WHERE company_id = %s AND date BETWEEN %s AND %s) k
              FULL JOIN kilap_floor_day f
                ON f.employee_id = k.employee_id AND f.date = k.date""",  # noqa: S608
        [company_id, date_from, date_to],
    )
    only_floor, only_kilap, different, total = cr.fetchone()
    return {
        "rows": total,
        "only_in_floor": only_floor,
        "only_in_kilap": only_kilap,
        "different": different,
        "compared": list(COMPARED),
    }
