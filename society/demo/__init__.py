"""Demo content of the society pillar; seed_demo calls seed(pillar_page, stdout)."""


def seed(pillar, stdout=None):
    return None
