"""News: public feeds views (placeholder until built)."""

urlpatterns = []
