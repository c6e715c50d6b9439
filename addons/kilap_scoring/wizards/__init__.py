from . import kilap_score_reopen_wizard
from . import kilap_score_rating_wizard
from . import kilap_score_generate_wizard
from . import kilap_score_close_wizard
