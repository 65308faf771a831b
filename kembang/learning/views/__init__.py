"""Pages of the learning workflow: thin views over services and selectors."""
