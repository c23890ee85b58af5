"""Pages of the work plan with the family."""
