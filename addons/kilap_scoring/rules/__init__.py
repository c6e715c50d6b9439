"""ORM-free rules of kilap_scoring; importable by file path in plain pytest."""
