"""Grants: the final report through the personal link (placeholder until built)."""

urlpatterns = []
