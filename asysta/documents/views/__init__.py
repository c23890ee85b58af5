"""Documents pages: a family's documents, generating, a document's page and download, the
centre's templates and the help page of the fields."""
