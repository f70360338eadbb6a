"""KOMPAKT: statistics imports (placeholder until built)."""

urlpatterns = []
