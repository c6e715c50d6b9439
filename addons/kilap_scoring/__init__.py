from . import controllers
from . import models
from . import wizards

# Demo-only code: the demo data builders, no production behaviour. Imported always
# (after the models it extends) because demo/kilap_scoring_demo.xml calls its private
# methods through <function> tags, so they must be in the registry whenever the
# add-on is installed with demo data. Private: no RPC caller can run them.
from . import demo
