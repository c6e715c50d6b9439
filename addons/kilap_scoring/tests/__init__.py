from . import test_install
from . import test_period
from . import test_compute
from . import test_security
from . import test_reports
from . import test_portal
from . import test_attacks
from . import test_jobs
