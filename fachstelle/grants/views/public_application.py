"""Grants: the public multi-step application (placeholder until built)."""

urlpatterns = []
