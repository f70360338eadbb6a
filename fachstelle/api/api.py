"""The public, read-only JSON API at /api/v1/ (field reference: docs/api.md; schema: /api/v1/openapi.json)."""

from ninja import NinjaAPI

from .events import router as events_router
from .news import router as news_router
from .offers import router as offers_router
from .pages import router as pages_router

api = NinjaAPI(
    title="fachstelle API",
    version="1",
    description="Read-only access to the public offer directory, welcome guide, events and news of the "
    "integration offices. "
    "Field names are stable; new fields may be added. See docs/api.md.",
    urls_namespace="api",
)
api.add_router("", offers_router)
api.add_router("", pages_router)
api.add_router("", events_router)
api.add_router("", news_router)
