from . import kilap_golongan
from . import hr_employee
from . import kilap_field_duty
from . import kilap_journal_entry
