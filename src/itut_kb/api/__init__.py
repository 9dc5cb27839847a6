"""The HTTP front end (FastAPI). Only this package imports FastAPI."""
