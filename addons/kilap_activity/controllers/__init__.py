from . import portal
from . import first_password
