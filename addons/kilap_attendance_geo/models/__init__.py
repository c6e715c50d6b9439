from . import kilap_geofence
from . import kilap_attendance_band
from . import kilap_attendance_day
