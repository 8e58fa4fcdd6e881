"""Captions (subtitles) of lecture videos: SubRip and WebVTT read, validated and converted.

``read`` decodes a caption file whatever Windows editor wrote it and parses
it with webvtt-py; ``validate`` says what is wrong, cue by cue and line by
line (timings out of order, overlapping, outside the video, undecodable
text); ``convert`` writes it again as UTF-8 SubRip or WebVTT.
"""
