"""MD: media rules (ATU §9.1–9.2 policies, §8.4–8.5 durations, deep QC). Filled in by the media work."""
