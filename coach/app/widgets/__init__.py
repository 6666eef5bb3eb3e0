"""The app's widgets: the chat log and its messages, the prompt, the status line, the panel."""
