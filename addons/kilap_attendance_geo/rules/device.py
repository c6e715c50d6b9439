"""Phone device keys and selfie limits, pure Python.

The phone page makes a random key once (``crypto.getRandomValues``) and keeps it
in the browser's storage: never a hardware id. The server stores only its SHA-256.
"""

import hashlib
import re

KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,128}$")
MAX_SELFIE_BYTES = 100 * 1024


def key_hash(key):
    """SHA-256 (hex) of a well-formed device key, None when the key is malformed."""
    if not isinstance(key, str) or not KEY_PATTERN.match(key):
        return None
    return hashlib.sha256(key.encode()).hexdigest()
