from . import kilap_tpp_diff
from . import kilap_tpp_diff_line
from . import kilap_tpp_export
from . import kilap_tpp_generate
from . import kilap_tpp_reset_wizard
from . import hr_payslip_employees
