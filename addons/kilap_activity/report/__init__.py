from . import kilap_journal_report
from . import py3o_report
from . import kilap_field_duty_spt_report
from . import kilap_field_duty_travel_report
