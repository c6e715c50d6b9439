from . import kilap_journal_report
from . import py3o_report
