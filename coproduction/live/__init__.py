"""The live engine: sessions any page can host (models, protocol, services, consumer, views)."""
