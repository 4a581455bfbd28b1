"""newsmon: a news monitor for e-government and digital-government awards in the Vietnamese press."""

from newsmon.core import __version__

__all__ = ["__version__"]
