from . import kilap_score_period
from . import kilap_score_line
