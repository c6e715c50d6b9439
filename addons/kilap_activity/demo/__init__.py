from . import kilap_demo
