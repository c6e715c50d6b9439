from . import kilap_demo
from . import kilap_demo_services
