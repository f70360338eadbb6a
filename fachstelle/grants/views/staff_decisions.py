"""Grants: decisions, payouts, final reports (placeholder until built)."""

urlpatterns = []
