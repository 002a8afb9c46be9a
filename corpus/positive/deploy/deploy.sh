#!/bin/sh
set -e
export SENDGRID_API_KEY=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
mongosh "mongodb+srv://deployer:gGwE11D3OAJMx1NlP4@cluster0.ab1cd.mongodb.net/admin"
