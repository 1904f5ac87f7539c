"""Developer tools beside the command line: catalogs, scripted conversations, the graph, the build backend."""
