from . import kilap_attendance_compute_wizard
