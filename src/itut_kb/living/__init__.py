"""The living KB: accepted changes on top of the generated baseline, durable, versioned, attributed."""
