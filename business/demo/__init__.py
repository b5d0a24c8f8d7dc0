"""Demo content of the business pillar; seed_demo calls seed(pillar_page, stdout)."""


def seed(pillar, stdout=None):
    return None
