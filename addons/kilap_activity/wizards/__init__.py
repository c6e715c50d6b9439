from . import kilap_reject_wizard
from . import kilap_skp_revise_wizard
from . import kilap_journal_report_wizard
from . import kilap_employee_import_user_wizard
