from . import main
from . import phone
