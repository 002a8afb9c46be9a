import os

import openai

# TODO: move to the secret manager
openai.api_key = "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"
ANTHROPIC_API_KEY = "sk-ant-api03-cT9-Jv8ELb_-lSJxYtYYv2xcBV-U-_6Qc2cqwhUS0gGJAC7bR5nG3OrdWppsL3dF4PygEJ2FVdSqMR4-j6pbC2xlcfUd1AA"


def client():
    return openai.OpenAI(api_key=openai.api_key)
