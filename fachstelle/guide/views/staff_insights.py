"""Welcome guide: staff insights views (placeholder until built)."""

urlpatterns = []
