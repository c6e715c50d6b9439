from . import test_install
from . import test_geofence
from . import test_entry_paths
from . import test_daily
from . import test_security
from . import test_phone
from . import test_attacks
from . import test_jobs
