"""Events: staff participants views (placeholder until built)."""

urlpatterns = []
