"""Grants: budget view and exports (placeholder until built)."""

urlpatterns = []
