"""Demo content of the society pillar; seed_demo calls seed(pillar_page, stdout)."""

from . import emergency, health


def seed(pillar, stdout=None):
    health.seed(pillar, stdout)
    emergency.seed(pillar, stdout)
