"""External processes and batches: the process runner, the batch runner and its progress display."""
