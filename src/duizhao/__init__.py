"""duizhao (对照): keeps Chinese–English translations of policy documents honest."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
