"""ORM-free rules of kilap_activity; importable by file path in plain pytest."""
