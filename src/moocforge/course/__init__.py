"""The course domain: the descriptor model, loading, the folder convention, loose files, the skeleton."""
