"""Demo content of the society pillar; seed_demo calls seed(pillar_page, stdout)."""

from . import education, emergency, health, welfare


def seed(pillar, stdout=None):
    site = pillar.get_site()
    made = education.seed(pillar, site)
    made += welfare.seed(pillar, site)
    if stdout:
        stdout.write(f"Society pillar (education, welfare): {made} new pages.")
    health.seed(pillar, stdout)
    emergency.seed(pillar, stdout)
