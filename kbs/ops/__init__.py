"""Running the assistant: settings, the training fingerprint, Rasa invocations, processes."""
