"""The one router of the participation API; the modules beside it add their operations."""

from ninja import Router

router = Router(tags=["participation"])
