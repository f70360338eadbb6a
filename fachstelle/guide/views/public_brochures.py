"""Welcome guide: public brochures views (placeholder until built)."""

urlpatterns = []
