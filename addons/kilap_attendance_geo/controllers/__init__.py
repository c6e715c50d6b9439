from . import main
from . import phone
from . import adms
