"""Live sessions: protocol, services (all database work), consumer, views."""
