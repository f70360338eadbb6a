"""Grants: the public list of funded projects (placeholder until built)."""

urlpatterns = []
