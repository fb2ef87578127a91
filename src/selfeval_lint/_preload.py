"""Imported by the forkserver (where fork is not used): warm everything once, so every worker starts warm."""

from .warm import warm_everything

warm_everything()
