"""Welcome guide: staff translations views (placeholder until built)."""

urlpatterns = []
