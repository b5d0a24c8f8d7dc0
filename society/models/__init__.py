from .pillar import SocietyPage

__all__ = ["SocietyPage"]
