from . import kilap_attendance_compute_wizard
from . import kilap_attendance_import
from . import kilap_attendance_recap_import
from . import kilap_shift_roster_fill
