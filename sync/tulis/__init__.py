"""Writing the plan: into the master file (zip surgery) or live through Excel."""
