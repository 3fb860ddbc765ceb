"""The Programs tab: table model, filter proxy, detail pane and dialogs."""
