from ninja import NinjaAPI

api = NinjaAPI(title="fachstelle API", version="1", urls_namespace="api")
