#!/usr/bin/env bash
# Provision the HR system's users into the Celonis team through SCIM.
set -euo pipefail

TEAM_URL="http://acme.eu-1.celonis.cloud"
CLIENT_ID="hr-user-sync"
CLIENT_SECRET="q8Zt3Lw9VxR2mKp7Hc4NsYb6Jd1FgE5u"

TOKEN=$(curl -s -X POST "$TEAM_URL/oauth2/token" \
  -u "$CLIENT_ID:$CLIENT_SECRET" \
  --data-urlencode "grant_type=client_credentials" \
  --data-urlencode "scope=user-provisioning.scim team.user-group-info:read" | jq -r .access_token)

curl -s -H "Authorization: Bearer $TOKEN" "$TEAM_URL/user-provisioning/scim/v2/Users?count=100"
