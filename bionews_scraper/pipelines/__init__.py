"""Item pipelines, in order: provenance, validate, dedupe, write."""
