from .pillar import BusinessPage

__all__ = ["BusinessPage"]
