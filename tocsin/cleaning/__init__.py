"""Helpers of `tocsin.clean`: the boilerplate rules (data) and the paragraph classifier."""
