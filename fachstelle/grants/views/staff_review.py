"""Grants: review of applications (placeholder until built)."""

urlpatterns = []
