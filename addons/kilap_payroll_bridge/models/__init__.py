from . import kilap_tpp_ruleset
