from . import test_install
from . import test_tpp_sheet
from . import test_tpp_payroll
from . import test_tpp_export
from . import test_tpp_portal
from . import test_attacks
from . import test_apel
