"""Transcoding for the studio: camera masters into the files each platform takes.

``presets/`` (data) say what each platform takes; ``sources`` finds the
videos of a course or of loose files and names their outputs; ``plan``
turns them into self-contained jobs; ``commands`` builds ffmpeg's argument
lists with ffmpeg-python; ``execute`` runs one job (resume, temporary
names, verification, rename); ``batch`` and ``cluster`` run many, here or
on Dask; ``report`` writes what happened. ``job.transcode`` is the entry
point the command line calls.
"""
