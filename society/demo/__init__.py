"""Demo content of the society pillar; seed_demo calls seed(pillar_page, stdout)."""

from . import emergency


def seed(pillar, stdout=None):
    emergency.seed(pillar, stdout)
