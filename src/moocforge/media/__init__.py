"""The media domain: MediaInfo facts, intra-frame detection, deep analysis, policies and units.

Nothing here knows about courses or rules: functions take a file and return
facts. ``moocforge.inspect.media`` turns them into evidence for a check.
"""
