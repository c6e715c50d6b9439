"""ORM-free rules of kilap_payroll_bridge; importable by file path in plain pytest."""
