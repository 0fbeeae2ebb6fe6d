#!/usr/bin/env bash
# Deploys the finance solution on a running platform for a load run and prints
# "<inference-url> <gateway-url> <deployment> <api-key>": as the operator it creates an organization
# with an API client, then with the client's token it deploys and uploads the sample, and waits
# until the model serves.
#   deploy-finance.sh [data-folder=.platform]
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
data=${1:-$root/.platform}
endpoints=$data/endpoints.json
url() { jq -r ".$1" "$endpoints"; }
gateway=$(url gateway)
operator=$(cat "$data/secrets/operator-client-secret")
token() { curl -sf -u "$1:$2" -d grant_type=client_credentials ${3:+-d scope=$3} "$gateway/connect/token" | jq -r .access_token; }
suffix=$(date +%s%N | tail -c 7)
org=$(curl -sf -H "Authorization: Bearer $(token platform-operator "$operator" organizations:write)" -H 'Content-Type: application/json' \
  -d "{\"name\":\"bench-$suffix\",\"admin\":{\"email\":\"bench-$suffix@example.com\"},\"client\":{\"name\":\"bench\",\"scopes\":[\"datasets:write\",\"deployments:read\",\"deployments:write\"]}}" \
  "$gateway/api/organizations")
bearer="Authorization: Bearer $(token "$(jq -r .client.clientId <<<"$org")" "$(jq -r .client.clientSecret <<<"$org")")"
key=$(curl -sf -H "$bearer" -H 'Content-Type: application/json' -d '{"name":"bench","solution":"finance-credit-risk","dataset":"finance-credit"}' \
  "$gateway/api/deployments" | jq -r .apiKey)
curl -sf -H "$bearer" -H 'Content-Type: text/csv' --data-binary @"$root/contracts/Platform.Contracts/Solutions/SampleDatasets/finance-credit.csv" \
  "$gateway/api/datasets/finance-credit/versions?target=Status" >/dev/null
for _ in $(seq 180); do
  loaded=$(curl -sf -H "$bearer" "$(url inference)/api/serving" | jq -r '.[] | select(.name=="bench") | .loaded')
  [ "$loaded" = true ] && break; sleep 1
done
[ "$loaded" = true ] || { echo "the model did not load in 180 s" >&2; exit 1; }
echo "$(url inference) $gateway bench $key"
