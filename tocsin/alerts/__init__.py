"""Alerts: rules as data (escalation, event, first contact, contested) evaluated in SQL over the store."""
