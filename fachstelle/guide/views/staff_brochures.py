"""Welcome guide: staff brochures views (placeholder until built)."""

urlpatterns = []
